package io.shmward.cli;

import io.shmward.server.ShmwardServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code shmward serve}: serve until SIGINT or SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve Wayland clients until interrupted (the default command).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ServeOptions options = new ServeOptions();

    @Override
    public Integer call() throws Exception {
        return serve(options);
    }

    static int serve(ServeOptions options) throws Exception {
        ShmwardServer server = ShmwardServer.start(options.resolve());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shmward-shutdown"));
        System.out.println("shmward: serving on " + server.place().socket() + "; clients need: "
                + server.place().clientEnvironment());
        server.admin().ifPresentOrElse(a -> a.describe().forEach(line -> System.out.println("shmward: " + line)),
                () -> System.out.println("shmward: admin endpoint off"));
        System.out.flush();
        stopped.await();
        return 0;
    }
}
