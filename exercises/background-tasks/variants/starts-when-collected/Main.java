import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Background tasks: start every job in the background, do other work in the meantime, and collect
 * the jobs' results afterwards.
 *
 * <p>Usage: {@code java Main <other-work-seconds> <name>:<seconds> ...}, e.g. {@code java Main 1 A:2 B:2}
 */
public class Main {

    /** A job that runs in the background: it announces itself, works for {@code seconds}, and returns its result. */
    static String backgroundJob(String name, double seconds) throws InterruptedException {
        System.out.println("Task " + name + " started in background");
        Thread.sleep((long) (seconds * 1000));
        return "Task " + name + " complete";
    }

    /** The main program's own work, which takes {@code seconds}. */
    static void otherWork(double seconds) throws InterruptedException {
        System.out.println("Doing other work here...");
        Thread.sleep((long) (seconds * 1000));
        System.out.println("Other work done");
    }

    public static void main(String[] args) throws Exception {
        double work = Double.parseDouble(args[0]);
        List<String> names = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] parts = args[i].split(":");
            names.add(parts[0]);
            seconds.add(Double.parseDouble(parts[1]));
        }

        // Wrong on purpose: the jobs are only prepared as Callables and handed to invokeAll when the
        // results are collected, so none of them runs during the other work.
        List<java.util.concurrent.Callable<String>> jobs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            double jobSeconds = seconds.get(i);
            jobs.add(() -> backgroundJob(name, jobSeconds));
        }

        System.out.println("Tasks are running in background...");
        otherWork(work);

        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<String> task : executor.invokeAll(jobs)) {
                System.out.println(task.get());
            }
        }
    }
}
