import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

// Mistake: supplyAsync without an executor runs the blocking fetches on the small common
// ForkJoinPool (CPU count - 1 threads), so with more users than threads they run in waves.
public class Main {

    static String fetchUser(String id, long millis) {
        System.out.println("Fetching user " + id + "...");
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "User " + id;
    }

    static List<String> fetchAll(List<String> ids, long millis) {
        List<CompletableFuture<String>> fetches = new ArrayList<>();
        for (String id : ids) {
            fetches.add(CompletableFuture.supplyAsync(() -> fetchUser(id, millis)));
        }
        List<String> users = new ArrayList<>();
        for (CompletableFuture<String> fetch : fetches) {
            users.add(fetch.join());
        }
        return users;
    }

    public static void main(String[] args) {
        long millis = Math.round(Double.parseDouble(args[0]) * 1000);
        List<String> ids = List.of(args).subList(1, args.length);
        long start = System.nanoTime();

        List<String> users = fetchAll(ids, millis);

        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(String.format(Locale.ROOT, "Done in %.1fs", seconds));
        for (String user : users) {
            System.out.println(user);
        }
    }
}
