import { useEffect, useRef, useState } from 'react';
import type { StreamEvent } from '../api/types';
import { afterPaint } from '../lib/afterPaint';
import { parseStreamEvent, streamUrl } from '../lib/chat';

const RECONNECT_DELAYS_MS = [1000, 2000, 5000, 10000];
/** The gateway's close code for a session deleted or no longer shared with this user. */
export const GONE_CLOSE_CODE = 4403;

export type StreamState = 'live' | 'reconnecting' | 'gone';

/** Follows a session's live stream, reconnecting after drops, until the gateway says the session is gone. */
export function useSessionStream(sessionId: string | undefined, onEvent: (event: StreamEvent) => void): StreamState {
  const [state, setState] = useState<StreamState>('reconnecting');
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
        setState('live');
      };
      socket.onmessage = (message) => {
        const event = typeof message.data === 'string' ? parseStreamEvent(message.data) : undefined;
        if (event) handler.current(event);
      };
      socket.onclose = (event) => {
        if (event.code === GONE_CLOSE_CODE) {
          setState('gone');
          return;
        }
        setState('reconnecting');
        if (stopped) return;
        timer = setTimeout(connect, RECONNECT_DELAYS_MS[Math.min(attempts++, RECONNECT_DELAYS_MS.length - 1)]);
      };
    };
    const cancel = afterPaint(connect);
    return () => {
      stopped = true;
      cancel();
      if (timer) clearTimeout(timer);
      socket?.close();
      setState('reconnecting');
    };
  }, [sessionId]);

  return state;
}
