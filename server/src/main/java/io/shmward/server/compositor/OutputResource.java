package io.shmward.server.compositor;

import io.shmward.protocol.spec.EnumSpec;
import io.shmward.protocol.wayland.WlOutput;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;

/** {@code wl_output}: describes the virtual output once, at bind, ending with {@code done}. */
final class OutputResource extends Resource<WlOutput.Request> {
    /** A desktop monitor's density, so clients that derive DPI from the physical size get 96. */
    private static final double PIXELS_PER_MM = 96 / 25.4;

    private final Output output;

    OutputResource(Output output, Client client, int id, int version) {
        super(client, id, WlOutput.TYPE, version);
        this.output = output;
        describe(output.mode());
    }

    private void describe(OutputMode mode) {
        EnumSpec modeFlags = CompositorProtocol.WL_OUTPUT.enumeration("mode");
        send(CompositorProtocol.OUTPUT_GEOMETRY, 0, 0,
                (int) Math.round(mode.width() / PIXELS_PER_MM), (int) Math.round(mode.height() / PIXELS_PER_MM),
                CompositorProtocol.WL_OUTPUT.enumeration("subpixel").value("unknown"), "Shmward", "virtual output",
                CompositorProtocol.WL_OUTPUT.enumeration("transform").value("normal"));
        send(CompositorProtocol.OUTPUT_MODE, modeFlags.value("current") | modeFlags.value("preferred"),
                mode.width(), mode.height(), mode.refreshMilliHz());
        send(CompositorProtocol.OUTPUT_SCALE, mode.scale());
        send(CompositorProtocol.OUTPUT_NAME, Output.NAME);
        send(CompositorProtocol.OUTPUT_DESCRIPTION, "Shmward virtual output " + mode.width() + "x" + mode.height()
                + " @ " + mode.refreshMilliHz() / 1000.0 + " Hz");
        send(CompositorProtocol.OUTPUT_DONE);
    }

    @Override
    protected void onRequest(WlOutput.Request request) {
        switch (request) {
            case WlOutput.Release() -> destroy();
        }
    }

    @Override
    protected void onDestroy() {
        output.released(this);
    }
}
