import { useEffect, useRef, useState } from 'react';
import type { StreamEvent } from '../api/types';
import { parseStreamEvent, streamUrl } from '../lib/chat';

const RECONNECT_DELAYS_MS = [1000, 2000, 5000, 10000];

/** Follows a session's live stream, reconnecting after drops; reports whether it is connected. */
export function useSessionStream(sessionId: string | undefined, onEvent: (event: StreamEvent) => void): boolean {
  const [connected, setConnected] = useState(false);
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => {
    if (!sessionId) return undefined;
    let socket: WebSocket | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let stopped = false;

    const connect = () => {
      socket = new WebSocket(streamUrl(window.location, sessionId));
      socket.onopen = () => {
        attempts = 0;
        setConnected(true);
      };
      socket.onmessage = (message) => {
        const event = typeof message.data === 'string' ? parseStreamEvent(message.data) : undefined;
        if (event) handler.current(event);
      };
      socket.onclose = () => {
        setConnected(false);
        if (stopped) return;
        timer = setTimeout(connect, RECONNECT_DELAYS_MS[Math.min(attempts++, RECONNECT_DELAYS_MS.length - 1)]);
      };
    };
    connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      socket?.close();
      setConnected(false);
    };
  }, [sessionId]);

  return connected;
}
