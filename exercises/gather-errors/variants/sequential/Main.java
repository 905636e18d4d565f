import java.util.ArrayList;
import java.util.List;

// Mistake: runs the tasks one after another (try/catch around each call), so the waits add up.
public class Main {

    static int mightFail(int n, int fail) throws InterruptedException {
        Thread.sleep(n * 200L);
        if (n == fail) {
            throw new IllegalArgumentException("Failed on " + n);
        }
        return n * 10;
    }

    public static void main(String[] args) throws InterruptedException {
        int fail = Integer.parseInt(args[0]);
        System.out.println("Gathering " + (args.length - 1) + " tasks");
        List<Object> results = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            try {
                results.add(mightFail(Integer.parseInt(args[i]), fail));
            } catch (IllegalArgumentException e) {
                results.add(e);
            }
        }
        System.out.println(results);
    }
}
