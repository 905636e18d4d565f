import java.util.ArrayList;
import java.util.List;

// Mistake: runs the tasks one after another (try/catch around each call), so the waits add up.
public class Main {

    static int mightFail(int n, int fail) {
        try {
            Thread.sleep(n * 200L);
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
        if (n == fail) {
            throw new IllegalArgumentException("Failed on " + n);
        }
        return n * 10;
    }

    static List<Object> gather(List<Integer> ns, int fail) {
        List<Object> results = new ArrayList<>();
        for (int n : ns) {
            try {
                results.add(mightFail(n, fail));
            } catch (IllegalArgumentException e) {
                results.add(e);
            }
        }
        return results;
    }

    public static void main(String[] args) {
        int fail = Integer.parseInt(args[0]);
        List<Integer> ns = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            ns.add(Integer.parseInt(args[i]));
        }
        System.out.println("Gathering " + ns.size() + " tasks");
        System.out.println(gather(ns, fail));
    }
}
