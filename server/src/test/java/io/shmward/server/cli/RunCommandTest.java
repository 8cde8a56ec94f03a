package io.shmward.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.server.testing.DrawingClientMain;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shmward run}: the command's environment, its exit code, and the pictures it leaves. */
class RunCommandTest {

    @Test
    void exitsWithTheCommandsExitCode() {
        assertThat(run("--admin", "off", "--", "sh", "-c", "exit 3")).isEqualTo(3);
        assertThat(run("--admin", "off", "--", "true")).isZero();
    }

    @Test
    void theCommandFindsTheServerThroughItsEnvironment() {
        String check = "test -S \"$XDG_RUNTIME_DIR/$WAYLAND_DISPLAY\" && test \"$(stat -c %a \"$XDG_RUNTIME_DIR\")\" = 700";
        assertThat(run("--", "sh", "-c", check)).isZero();
    }

    @Test
    void aCommandThatCannotStartExitsWith127() {
        assertThat(run("--admin", "off", "--", "/nonexistent/shmward-test-command")).isEqualTo(RunCommand.CANNOT_START);
    }

    @Test
    void theLastFrameOfASurfaceDestroyedBeforeExitIsWrittenAsPng(@TempDir Path snapshots) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        int code = run("--snapshot-dir", snapshots.toString(), "--", java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), DrawingClientMain.class.getName(), "7");
        assertThat(code).isEqualTo(7);
        List<Path> pngs;
        try (Stream<Path> files = Files.list(snapshots)) {
            pngs = files.toList();
        }
        assertThat(pngs).hasSize(1);
        assertThat(pngs.getFirst().getFileName().toString()).matches("java-\\d+-surface-1\\.png");
        BufferedImage png = ImageIO.read(pngs.getFirst().toFile());
        assertThat(png.getWidth()).isEqualTo(3);
        assertThat(png.getHeight()).isEqualTo(2);
        assertThat(png.getRGB(0, 0, 3, 2, null, 0, 3))
                .containsExactly(0xffff0000, 0xff00ff00, 0xff0000ff, 0xffffffff, 0xff000000, 0xff808080);
    }

    @Test
    void noPictureIsWrittenWhenNothingWasShown(@TempDir Path snapshots) {
        assertThat(run("--snapshot-dir", snapshots.toString(), "--", "true")).isZero();
        assertThat(snapshots.toFile().list()).isEmpty();
    }

    @Test
    void aServerThatCannotStartSaysWhyInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();
            int code = ShmwardCli.commandLine().setErr(new PrintWriter(err, true))
                    .execute("run", "--admin", "127.0.0.1:" + taken.getLocalPort(), "--", "true");
            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).startsWith("shmward: cannot serve the admin endpoint on 127.0.0.1:"
                    + taken.getLocalPort()).doesNotContain("\tat ");
        }
    }

    private static int run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "run";
        System.arraycopy(args, 0, all, 1, args.length);
        return ShmwardCli.commandLine().execute(all);
    }
}
