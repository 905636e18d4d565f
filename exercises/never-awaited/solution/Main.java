import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Never awaited: start all downloads at once, and wait for every one of them before printing the
 * summary built from their results.
 *
 * <p>Usage: {@code java Main <file>:<seconds> ...}, e.g. {@code java Main report.pdf:2 photo.jpg:1 video.mp4:3}
 */
public class Main {

    /** The (simulated) connection delivers 250 KB per second. */
    static final int KB_PER_SECOND = 250;

    /** Downloads one file: prints "Downloading NAME", takes {@code seconds}, prints "NAME downloaded", returns its size in KB. */
    static long download(String name, double seconds) {
        System.out.println("Downloading " + name);
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("download of " + name + " interrupted", e);
        }
        System.out.println(name + " downloaded");
        return (long) (seconds * KB_PER_SECOND);
    }

    public static void main(String[] args) {
        List<String> names = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        for (String arg : args) {
            int colon = arg.lastIndexOf(':');
            names.add(arg.substring(0, colon));
            seconds.add(Double.parseDouble(arg.substring(colon + 1)));
        }

        long totalKb = 0;
        // BEGIN SOLUTION
        // STARTER: // TODO: start every download at once (download(names.get(i), seconds.get(i))),
        // STARTER: // then wait for all of them and add up the sizes they return
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Long>> downloads = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                double fileSeconds = seconds.get(i);
                downloads.add(CompletableFuture.supplyAsync(() -> download(name, fileSeconds), executor));
            }
            for (CompletableFuture<Long> d : downloads) {
                totalKb += d.join();
            }
        }
        // END SOLUTION
        System.out.println("Downloaded " + names.size() + " files (" + totalKb + " KB)");
    }
}
