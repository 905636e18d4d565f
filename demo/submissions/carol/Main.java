public class Main {
    public static void main(String[] args) {
        for (String arg : args) {
            String[] t = arg.split(":")
            System.out.println(t[0] + " started");
        }
    }
}
