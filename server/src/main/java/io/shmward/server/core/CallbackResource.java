package io.shmward.server.core;

import io.shmward.protocol.wayland.WlCallback;

/**
 * {@code wl_callback}: one {@code done} event, after which the server destroys it (its {@code done} is a
 * destructor event) and, the id being the client's, sends {@code delete_id}.
 */
public final class CallbackResource extends Resource<WlCallback.Request> {

    private CallbackResource(Client client, int id) {
        super(client, id, WlCallback.TYPE, 1);
    }

    /** Creates a callback for {@code id} that fires later with {@link #fire}. */
    public static CallbackResource create(Client client, int id) {
        return new CallbackResource(client, id);
    }

    /** Creates the callback and fires it at once, as {@code wl_display.sync} does. */
    public static void fireNow(Client client, int id, int data) {
        create(client, id).fire(data);
    }

    public void fire(int data) {
        send(CoreProtocol.CALLBACK_DONE, data);
        destroy();
    }

    @Override
    protected void onRequest(WlCallback.Request request) {
        // wl_callback has no requests: the decoder refuses every opcode, so nothing ever arrives here
        throw new IllegalStateException("wl_callback has no requests");
    }
}
