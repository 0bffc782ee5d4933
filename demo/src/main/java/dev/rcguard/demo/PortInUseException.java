package dev.rcguard.demo;

/**
 * The demo's port is taken by another process.
 *
 * <pre>{@code
 * catch (PortInUseException e) { System.err.println(e.getMessage()); } // Port 8080 is already in use; ...
 * }</pre>
 */
public class PortInUseException extends Exception {

    private static final long serialVersionUID = 1L;

    public PortInUseException(int port) {
        super("Port " + port + " is already in use; start with --port N (with Maven: -Ddemo.port=N)");
    }
}
