import java.util.ArrayList;
import java.util.List;

public class Main {
    static List<String> gather(List<Integer> ns, int fail) {
        List<String> out = new ArrayList<>();
        for (int n : ns) {
            try {
                out.add(task(n, fail));
            } catch (IllegalArgumentException e) {
                out.add("failed: " + n);
            }
        }
        return out;
    }

    static String task(int n, int fail) {
        try {
            Thread.sleep(n * 100L);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        if (n == fail) {
            throw new IllegalArgumentException("Failed on " + n);
        }
        return Integer.toString(n * 10);
    }

    public static void main(String[] args) {
        System.out.println(gather(List.of(1, 2, 3), 2));
    }
}
