import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

// Mistake: fetches one user after the other, so the waits add up.
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
        List<String> users = new ArrayList<>();
        for (String id : ids) {
            users.add(fetchUser(id, millis));
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
