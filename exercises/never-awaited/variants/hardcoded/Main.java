/** Wrong on purpose: prints the example run's output at the right moments without downloading anything. */
public class Main {
    public static void main(String[] args) throws InterruptedException {
        System.out.println("Downloading report.pdf");
        System.out.println("Downloading photo.jpg");
        System.out.println("Downloading video.mp4");
        Thread.sleep(1000);
        System.out.println("photo.jpg downloaded");
        Thread.sleep(1000);
        System.out.println("report.pdf downloaded");
        Thread.sleep(1000);
        System.out.println("video.mp4 downloaded");
        System.out.println("Downloaded 3 files (1500 KB)");
    }
}
