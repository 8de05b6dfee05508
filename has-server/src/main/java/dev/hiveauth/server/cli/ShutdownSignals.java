package dev.hiveauth.server.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Runs an action on SIGTERM or SIGINT instead of letting the JVM exit at once: the server then closes its
 * sockets with 1001 and the process exits 0 (a plain shutdown hook would exit 143). Uses {@code sun.misc.Signal}
 * (module jdk.unsupported), the only JDK way to handle a signal; falls back to a shutdown hook without it.
 *
 * <p>{@code sun.misc.Signal} is reached by reflection: named in the source, it draws javac's "internal proprietary
 * API" warning, which no {@code @SuppressWarnings} silences and which {@code -Werror} turns into a failed build.
 */
final class ShutdownSignals {
    private ShutdownSignals() {
    }

    static void onTermination(Runnable action) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Method handle = signalType.getMethod("handle", signalType, handlerType);
            Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType},
                    runOnHandle(action));
            for (String name : new String[] {"TERM", "INT"}) {
                handle.invoke(null, signalType.getConstructor(String.class).newInstance(name), handler);
            }
        } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError unsupported) {
            // no jdk.unsupported, or a signal this platform does not know (InvocationTargetException wraps the
            // IllegalArgumentException that Signal itself throws then)
            Runtime.getRuntime().addShutdownHook(new Thread(action, "has-shutdown"));
        }
    }

    /** A {@code SignalHandler} whose {@code handle(Signal)} runs {@code action}; Object's methods as identity. */
    private static InvocationHandler runOnHandle(Runnable action) {
        return (proxy, method, args) -> switch (method.getName()) {
            case "handle" -> {
                action.run();
                yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> "has-server shutdown signal handler";
            default -> throw new UnsupportedOperationException(method.getName());
        };
    }
}
