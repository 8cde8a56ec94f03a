package io.shmward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.server.testing.DebianTool;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
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
    void theLastMappedFrameOfAWindowGoneBeforeExitIsWrittenComposedWithItsSubsurface(@TempDir Path snapshots)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        int code = run("--snapshot-dir", snapshots.toString(), "--", java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), DrawingClientMain.class.getName(), "7");
        assertThat(code).isEqualTo(7);
        List<Path> pngs = pngsIn(snapshots);
        assertThat(pngs).hasSize(1);
        assertThat(pngs.getFirst().getFileName().toString()).matches(Pattern.quote(DrawingClientMain.APP_ID)
                + "-\\d+-surface-1\\.png");
        BufferedImage png = ImageIO.read(pngs.getFirst().toFile());
        assertThat(png.getWidth()).isEqualTo(DrawingClientMain.WIDTH);
        assertThat(png.getHeight()).isEqualTo(DrawingClientMain.HEIGHT);
        for (int y = 0; y < DrawingClientMain.HEIGHT; y++) {
            for (int x = 0; x < DrawingClientMain.WIDTH; x++) {
                boolean underSub = x >= DrawingClientMain.SUB_X && x < DrawingClientMain.SUB_X + DrawingClientMain.SUB
                        && y >= DrawingClientMain.SUB_Y && y < DrawingClientMain.SUB_Y + DrawingClientMain.SUB;
                int expected = 0xff000000 | (underSub ? DrawingClientMain.subPixel() : DrawingClientMain.mainPixel(x, y));
                assertThat(png.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(expected);
            }
        }
    }

    @Test
    void westonSimpleShmLeavesAPictureOfItsPattern(@TempDir Path snapshots) throws Exception {
        DebianTool.require("weston-simple-shm", "weston");
        Path timeout = DebianTool.require("timeout", "coreutils");
        int code = run("--snapshot-dir", snapshots.toString(), "--", timeout.toString(), "2", "weston-simple-shm");
        assertThat(code).as("timeout's code: the client ran until stopped").isEqualTo(124);
        List<Path> pngs = pngsIn(snapshots);
        assertThat(pngs).hasSize(1);
        BufferedImage png = ImageIO.read(pngs.getFirst().toFile());
        assertThat(png.getWidth()).isEqualTo(250);
        assertThat(png.getHeight()).isEqualTo(250);
        assertThat(distinctColours(png)).as("the test pattern, not a uniform picture").isGreaterThan(10);
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

    private static List<Path> pngsIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".png")).toList();
        }
    }

    private static long distinctColours(BufferedImage img) {
        return java.util.stream.IntStream.range(0, img.getWidth() * img.getHeight())
                .map(i -> img.getRGB(i % img.getWidth(), i / img.getWidth())).distinct().count();
    }

    private static int run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "run";
        System.arraycopy(args, 0, all, 1, args.length);
        return ShmwardCli.commandLine().execute(all);
    }
}
