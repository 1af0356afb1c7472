package org.loomcsp.net;

import com.google.protobuf.Message;
import java.util.Collection;
import java.util.List;
import org.loomcsp.net.internal.BytesCodec;
import org.loomcsp.net.internal.JavaCodec;
import org.loomcsp.net.internal.ProtobufCodec;
import org.loomcsp.net.internal.Utf8Codec;

/**
 * How the values of a network channel become bytes and back. The home of a channel and every end
 * of it must use codecs of the same {@linkplain #name() name} (checked when an end connects).
 *
 * <ul>
 *   <li>{@link #java(Class...)}: Java serialization (records, enums, {@link java.io.Serializable}
 *       classes), restricted to an <b>allow-list</b> of classes: a value of any other class is
 *       refused when written (an {@link IllegalArgumentException} to the writer) and never
 *       deserialized when received;
 *   <li>{@link #protobuf(Message)}: protobuf messages as such (the natural codec for channels
 *       shared with programs in other languages);
 *   <li>{@link #utf8()} for strings and {@link #bytes()} for byte arrays (the simplest values a
 *       client in another language can send).
 * </ul>
 *
 * <p>A codec must be thread-safe. {@link #decode(byte[])} must throw (any exception) rather than
 * return a value it does not trust; the writer of a value that the home cannot decode gets an
 * {@link IllegalArgumentException} and the channel is not affected.
 *
 * @param <T> the type of the values
 */
public interface Codec<T> {

    /** The codec's name, sent when an end connects (e.g. {@code "java"}, {@code "utf8"}). */
    String name();

    /**
     * Encodes a value.
     *
     * @throws IllegalArgumentException if the value cannot be sent with this codec (for example a
     *     class outside a Java codec's allow-list); nothing was sent
     */
    byte[] encode(T value);

    /**
     * Decodes a value.
     *
     * @throws IllegalArgumentException if the bytes are not a value this codec accepts
     */
    T decode(byte[] bytes);

    /**
     * Java serialization restricted to an allow-list. Besides the classes given, the codec
     * accepts {@link String}, the boxed primitives, {@link java.math.BigInteger}, {@link
     * java.math.BigDecimal}, {@link Number} and {@link Enum} (as supertypes), arrays of primitives
     * and arrays of allowed classes. Nested values (a record's components) must be allowed too.
     * The codec's name is {@code "java"}.
     *
     * @param allowed the value classes to accept (records, enums, serializable classes)
     */
    static <T> Codec<T> java(Class<?>... allowed) {
        return new JavaCodec<>(List.of(allowed));
    }

    /** Java serialization restricted to {@code allowed}; see {@link #java(Class...)}. */
    static <T> Codec<T> java(Collection<Class<?>> allowed) {
        return new JavaCodec<>(List.copyOf(allowed));
    }

    /**
     * Protobuf messages of one type, given by its default instance ({@code
     * MyMessage.getDefaultInstance()}). The codec's name is {@code "protobuf:<full name>"}.
     */
    static <M extends Message> Codec<M> protobuf(M defaultInstance) {
        return new ProtobufCodec<>(defaultInstance);
    }

    /** Strings as UTF-8 (name {@code "utf8"}); malformed input is refused, not replaced. */
    static Codec<String> utf8() {
        return Utf8Codec.INSTANCE;
    }

    /** Byte arrays as they are (name {@code "bytes"}). */
    static Codec<byte[]> bytes() {
        return BytesCodec.INSTANCE;
    }
}
