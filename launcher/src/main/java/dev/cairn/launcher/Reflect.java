package dev.cairn.launcher;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Calls methods of bundle services by name. The launcher's class path has no bundle API
 * (TOOLCHAIN pitfall 10): the service classes live in the bundles' class loaders, so their
 * methods are looked up on the object's public interfaces.
 */
final class Reflect {
    private Reflect() {
    }

    /**
     * Invokes the public method {@code name} whose parameter count matches and whose
     * parameter types accept {@code args}. A checked exception thrown by the method is
     * rethrown as is (wrapped in {@link Failure} so callers see its real message).
     */
    static Object call(Object target, String name, Object... args) throws Failure {
        Method m = find(target.getClass(), name, args);
        try {
            m.setAccessible(true);
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw new Failure(unwrap(e.getCause()));
        } catch (IllegalAccessException | RuntimeException e) {
            throw new Failure(e);
        }
    }

    /** Gogo invokes commands reflectively too: strip its wrappers to reach the real failure. */
    static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof InvocationTargetException || cur instanceof java.lang.reflect.UndeclaredThrowableException)
                && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }

    private static Method find(Class<?> type, String name, Object[] args) throws Failure {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                Method m = match(i, name, args);
                if (m != null) {
                    return m;
                }
            }
        }
        Method m = match(type, name, args);
        if (m == null) {
            throw new Failure(new NoSuchMethodException(type.getName() + "." + name + " with " + args.length + " arguments"));
        }
        return m;
    }

    private static Method match(Class<?> c, String name, Object[] args) {
        for (Method m : c.getMethods()) {
            if (!m.getName().equals(name) || m.getParameterCount() != args.length) {
                continue;
            }
            Class<?>[] p = m.getParameterTypes();
            boolean ok = true;
            for (int i = 0; i < p.length && ok; i++) {
                ok = args[i] == null ? !p[i].isPrimitive() : box(p[i]).isInstance(args[i]);
            }
            if (ok) {
                return m;
            }
        }
        return null;
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        if (c == int.class) {
            return Integer.class;
        }
        if (c == long.class) {
            return Long.class;
        }
        if (c == boolean.class) {
            return Boolean.class;
        }
        return Object.class;
    }

    /** What a reflective call threw, unwrapped. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(Throwable cause) {
            super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        }

        /** True when the underlying exception's class has this simple name. */
        boolean is(String simpleName) {
            return getCause() != null && getCause().getClass().getSimpleName().equals(simpleName);
        }
    }
}
