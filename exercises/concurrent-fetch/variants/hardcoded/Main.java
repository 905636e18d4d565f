import java.util.List;

// Mistake: prints the expected lines (and the expected time) without waiting at all.
public class Main {
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
