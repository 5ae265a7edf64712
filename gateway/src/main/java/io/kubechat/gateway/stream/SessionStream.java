package io.kubechat.gateway.stream;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.inject.Inject;

/** Live updates of one chat session; {@link StreamUpgradeCheck} has authenticated and authorized the upgrade. */
@WebSocket(path = "/api/v1/sessions/{id}/stream")
public class SessionStream {

    @Inject
    StreamHub hub;

    @OnOpen
    public void open(WebSocketConnection connection) {
        hub.subscribe(connection.pathParam("id"), connection);
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        hub.unsubscribe(connection.pathParam("id"), connection);
    }

    /** The stream is one-way; a client's text (for example a keep-alive) is answered with nothing. */
    @OnTextMessage
    public void ignore(String text) {
    }
}
