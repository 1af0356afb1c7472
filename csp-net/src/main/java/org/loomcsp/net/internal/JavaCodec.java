package org.loomcsp.net.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.loomcsp.net.Codec;

/**
 * {@link Codec#java(Class...)}: Java serialization behind an allow-list.
 *
 * <p>Decoding installs an {@link ObjectInputFilter} that accepts only the allowed classes (and
 * the few JDK value classes listed on {@code Codec.java}), so no other class is ever
 * instantiated from network bytes. Encoding checks the same list first, on the writer's side,
 * so a writer learns of a class it forgot to allow before anything is sent; and it replaces
 * serialization of the object graph by a stream that refuses non-allowed classes too (nested
 * values are checked by the stream, not only the top-level one).
 */
public final class JavaCodec<T> implements Codec<T> {

    private static final Set<Class<?>> ALWAYS = Set.of(String.class, Boolean.class, Character.class,
            Byte.class, Short.class, Integer.class, Long.class, Float.class, Double.class,
            BigInteger.class, BigDecimal.class, Number.class, Enum.class, Record.class);

    private final Set<Class<?>> allowed;
    private final ObjectInputFilter filter;

    public JavaCodec(List<Class<?>> allowed) {
        for (Class<?> c : allowed) {
            if (!Serializable.class.isAssignableFrom(c) && !c.isPrimitive()) {
                throw new IllegalArgumentException(c.getName()
                        + " is not Serializable: make it a record or enum implementing Serializable,"
                        + " or use another codec");
            }
        }
        this.allowed = Stream.concat(ALWAYS.stream(), allowed.stream()).collect(Collectors.toUnmodifiableSet());
        this.filter = info -> {
            Class<?> c = info.serialClass();
            if (c == null) {
                return info.depth() > 64 || info.arrayLength() > 16_000_000
                        ? ObjectInputFilter.Status.REJECTED : ObjectInputFilter.Status.UNDECIDED;
            }
            return isAllowed(c) ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
        };
    }

    private boolean isAllowed(Class<?> c) {
        while (c.isArray()) {
            c = c.getComponentType();
        }
        return c.isPrimitive() || allowed.contains(c) || (c.isEnum() && allowed.contains(c))
                || (c.getSuperclass() != null && c.getSuperclass().isEnum() && allowed.contains(c.getSuperclass()));
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public byte[] encode(T value) {
        if (!isAllowed(value.getClass())) {
            throw notAllowed(value.getClass().getName());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        CheckingOutput out = null;
        try {
            out = new CheckingOutput(bytes);
            out.writeObject(value);
            out.close();
        } catch (IOException e) {
            if (out != null && out.refused != null) {
                throw notAllowed(out.refused);
            }
            throw new IllegalArgumentException("cannot serialize " + value.getClass().getName()
                    + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T decode(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(filter);
            return (T) in.readObject();
        } catch (InvalidClassException e) {
            throw new IllegalArgumentException("refused by the allow-list of this node's Codec.java(...): "
                    + e.getMessage() + "; allow the class on both nodes", e);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid Java-serialized value: " + e, e);
        }
    }

    private IllegalArgumentException notAllowed(String className) {
        return new IllegalArgumentException("class " + className + " is not in the allow-list of"
                + " this channel's Codec.java(...): add it (on every node) or send another type");
    }

    /** Thrown inside the object stream when a class is not allowed (unwrapped in encode). */
    private static final class NotAllowed extends IOException {
        private static final long serialVersionUID = 1L;

        NotAllowed(String className) {
            super(className, null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** An object stream that refuses, while writing, any class the reader would refuse. */
    private final class CheckingOutput extends ObjectOutputStream {
        String refused; // the first class refused (the stream then fails)

        CheckingOutput(ByteArrayOutputStream out) throws IOException {
            super(out);
        }

        @Override
        protected void annotateClass(Class<?> cl) throws IOException {
            if (!isAllowed(cl)) {
                if (refused == null) {
                    refused = cl.getName();
                }
                throw new NotAllowed(cl.getName());
            }
        }
    }
}
