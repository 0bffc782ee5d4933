package dev.rcguard.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class loader of the demo's second web application ({@code /session}): it defines the application's classes and
 * libraries (the guard, Weld, RESTEasy, the Jakarta APIs but the Servlet API, ...) once more, from the same class
 * path, so that the second application has its own CDI container, JAX-RS runtime and guard, as a second WAR on one
 * server has. An application keeps one token source ({@code rcguard.token-source} is application-wide), and Weld's
 * {@code CDI.current()} knows one container per copy of its classes: two applications in one class loader would share
 * both.
 *
 * <p>What the server and the application must share stays the parent's: the JDK, the Servlet API, Jetty, SLF4J, and
 * the simulator (the application's helpers are handed the demo's running simulator).
 *
 * <pre>{@code
 * webApp.setClassLoader(new IsolatedClassLoader(Demo.class.getClassLoader()));
 * }</pre>
 */
final class IsolatedClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    /** Packages loaded by the parent: the server's side of the servlet contract, and what the demo hands over. */
    private static final List<String> SHARED = List.of(
            "java.",
            "javax.",
            "jdk.",
            "sun.",
            "com.sun.",
            "org.w3c.",
            "org.xml.",
            "org.ietf.",
            "jakarta.servlet.",
            "org.eclipse.jetty.",
            "org.slf4j.",
            "dev.rcguard.simulator.");

    private final Map<String, ProtectionDomain> domains = new ConcurrentHashMap<>();

    IsolatedClassLoader(ClassLoader parent) {
        super("rcguard-demo-session-app", parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (shared(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = findClass(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    /**
     * The class defined again from the parent's class file, unless it is the JDK's: then the parent's class. A class
     * without a class file is not the parent's to give either: the root application's Weld defines its proxies in the
     * parent, and this application's Weld must define its own.
     */
    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String path = name.replace('.', '/') + ".class";
        URL file = getParent().getResource(path);
        if (file == null) {
            throw new ClassNotFoundException(name);
        }
        if (!(file.getProtocol().equals("file") || file.getProtocol().equals("jar"))) {
            return getParent().loadClass(name); // the JDK's own (jrt:)
        }
        byte[] bytes;
        try (InputStream in = file.openStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        return defineClass(name, bytes, 0, bytes.length, domain(file, path));
    }

    private static boolean shared(String name) {
        for (String prefix : SHARED) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** One protection domain per class-path entry, whose location is the jar or directory the class came from. */
    private ProtectionDomain domain(URL file, String path) {
        String url = file.toString();
        String root = url.substring(0, url.length() - path.length());
        if (root.startsWith("jar:") && root.endsWith("!/")) {
            root = root.substring(4, root.length() - 2);
        }
        return domains.computeIfAbsent(root, location -> {
            try {
                CodeSource source = new CodeSource(new URL(location), (CodeSigner[]) null);
                return new ProtectionDomain(source, null, this, null);
            } catch (MalformedURLException e) {
                return new ProtectionDomain(null, null, this, null);
            }
        });
    }
}
