import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Resource cleanup: every connection is opened, used for one query and closed again - also when its
 * query fails. All queries run at the same time.
 *
 * <p>Usage: {@code java Main <name>:<seconds>:<ok|fail> ...}, e.g. {@code java Main users:2:ok orders:1:ok stock:3:ok}
 */
public class Main {

    /** A connection to a database. Opening it prints "open NAME", closing it prints "close NAME". */
    static class Connection implements AutoCloseable {
        private final String name;

        Connection(String name) {
            this.name = name;
            System.out.println("open " + name);
        }

        /** Runs a query that takes {@code seconds}; it throws a QueryFailedException if {@code fails}. */
        String query(double seconds, boolean fails) throws InterruptedException, QueryFailedException {
            Thread.sleep((long) (seconds * 1000));
            if (fails) {
                throw new QueryFailedException(name + ": query failed");
            }
            return name + ": query ok";
        }

        @Override
        public void close() {
            System.out.println("close " + name);
        }
    }

    /** What a failing query throws. */
    static class QueryFailedException extends Exception {
        QueryFailedException(String message) {
            super(message);
        }
    }

    /** One command-line argument: the connection's name, how long its query takes, whether it fails. */
    record Job(String name, double seconds, boolean fails) {
        static Job parse(String arg) {
            String[] parts = arg.split(":");
            return new Job(parts[0], Double.parseDouble(parts[1]), parts[2].equals("fail"));
        }
    }

    public static void main(String[] args) throws Exception {
        List<Job> jobs = new ArrayList<>();
        for (String arg : args) {
            jobs.add(Job.parse(arg));
        }

        int ok = 0;
        int failed = 0;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (Job job : jobs) {
                outcomes.add(executor.submit(() -> run(job)));
            }
            for (Future<Boolean> outcome : outcomes) {
                if (outcome.get()) {
                    ok++;
                } else {
                    failed++;
                }
            }
        }
        System.out.println("Done: " + ok + " ok, " + failed + " failed");
    }

    /**
     * Opens a connection for the job, runs its query, prints the query's outcome and makes sure the
     * connection is closed again. Returns true if the query succeeded.
     */
    static boolean run(Job job) throws InterruptedException {
        // Wrong on purpose: close() is only reached when the query succeeds; a failing query leaves
        // its connection open.
        try {
            Connection connection = new Connection(job.name());
            System.out.println(connection.query(job.seconds(), job.fails()));
            connection.close();
            return true;
        } catch (QueryFailedException e) {
            System.out.println(e.getMessage());
            return false;
        }
    }
}
