import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

// Mistake: keeps the exception handle() receives as it is. For a supplyAsync task that threw,
// that is a CompletionException wrapping the real one, so the line shows
// "java.util.concurrent.CompletionException: java.lang.IllegalArgumentException: Failed on 2".
public class Main {

    static int mightFail(int n, int fail) {
        try {
            Thread.sleep(n * 200L);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        if (n == fail) {
            throw new IllegalArgumentException("Failed on " + n);
        }
        return n * 10;
    }

    static List<Object> gather(List<Integer> ns, int fail) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Object>> tasks = new ArrayList<>();
            for (int n : ns) {
                tasks.add(CompletableFuture.supplyAsync(() -> mightFail(n, fail), executor)
                        .handle((value, error) -> error == null ? value : error));
            }
            return new ArrayList<>(tasks.stream().map(CompletableFuture::join).toList());
        }
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
