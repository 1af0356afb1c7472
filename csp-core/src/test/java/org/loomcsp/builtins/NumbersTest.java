package org.loomcsp.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Python-like arithmetic behind the operator builtins (no concurrency). */
class NumbersTest {

    /** One operand type gives that type; mixed types promote as in Python. */
    @Test
    void promotesToTheWiderType() {
        assertThat(Numbers.add(1, 2)).isEqualTo(3);
        assertThat(Numbers.add(1, 2L)).isEqualTo(3L);
        assertThat(Numbers.add(1, 2.5)).isEqualTo(3.5);
        assertThat(Numbers.add((byte) 1, (byte) 2)).isEqualTo((byte) 3);
        assertThat(Numbers.add(1.5f, 1)).isEqualTo(2.5f);
        assertThat(Numbers.mul(BigInteger.TEN, 3)).isEqualTo(BigInteger.valueOf(30));
        assertThat(Numbers.add(new BigDecimal("0.1"), 1)).isEqualTo(new BigDecimal("1.1"));
        assertThat(Numbers.add(true, true)).isEqualTo(2);
    }

    /** Fixed-width integer overflow throws instead of wrapping. */
    @Test
    void overflowThrows() {
        assertThatThrownBy(() -> Numbers.add(Integer.MAX_VALUE, 1))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Numbers.add((byte) 127, (byte) 1))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Numbers.pow(2L, 64)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Numbers.lshift(1, 31)).isInstanceOf(ArithmeticException.class);
        assertThat(Numbers.lshift(1L, 31)).isEqualTo(1L << 31);
        assertThat(Numbers.pow(BigInteger.TWO, 64)).isEqualTo(BigInteger.ONE.shiftLeft(64));
    }

    /** Floor division and modulo follow Python for every kind. */
    @Test
    void floorDivisionAndModuloFollowPython() {
        assertThat(Numbers.floorDiv(-7, 2)).isEqualTo(-4);
        assertThat(Numbers.floorDiv(-7.0, 2)).isEqualTo(-4.0);
        assertThat(Numbers.floorDiv(BigInteger.valueOf(-7), 2)).isEqualTo(BigInteger.valueOf(-4));
        assertThat(Numbers.mod(-7, 3)).isEqualTo(2);
        assertThat(Numbers.mod(7, -3)).isEqualTo(-2);
        assertThat(Numbers.mod(-7.5, 2)).isEqualTo(0.5);
        assertThat(Numbers.mod(BigInteger.valueOf(7), BigInteger.valueOf(-3)))
                .isEqualTo(BigInteger.valueOf(-2));
        assertThat(Numbers.trueDiv(7, 2)).isEqualTo(3.5);
        assertThatThrownBy(() -> Numbers.trueDiv(1, 0)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Numbers.floorDiv(1, 0)).isInstanceOf(ArithmeticException.class);
    }

    /** Powers: integers stay integers; a negative integer exponent is refused. */
    @Test
    void powers() {
        assertThat(Numbers.pow(3, 4)).isEqualTo(81);
        assertThat(Numbers.pow(2.0, -1)).isEqualTo(0.5);
        assertThatThrownBy(() -> Numbers.pow(2, -1)).isInstanceOf(ArithmeticException.class);
    }

    /** Bitwise operators: Python's ~ on ints, logic on Booleans, Booleans as 0/1 when mixed. */
    @Test
    void bitwise() {
        assertThat(Numbers.not(5)).isEqualTo(-6);
        assertThat(Numbers.not(true)).isEqualTo(false);
        assertThat(Numbers.nand(12, 10)).isEqualTo(-9);
        assertThat(Numbers.xor(true, 1)).isEqualTo(0);
        assertThat(Numbers.rshift(-7, 1)).isEqualTo(-4);
        assertThatThrownBy(() -> Numbers.and(1.0, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Comparisons are numeric across types; NaN is unordered. */
    @Test
    void comparisons() {
        assertThat(Numbers.equal(1, 1.0)).isTrue();
        assertThat(Numbers.equal(1L, 1)).isTrue();
        assertThat(Numbers.equal("a", "a")).isTrue();
        assertThat(Numbers.compare(1, 2.5)).isNegative();
        assertThat(Numbers.compare(BigInteger.TEN, 9L)).isPositive();
        assertThat(Numbers.compare(Double.NaN, 1)).isNull();
        assertThat(Numbers.compare("b", "a")).isPositive();
    }

    /** Truth follows Python: zero, empty and false are false. */
    @Test
    void truth() {
        for (Object falsy : List.of(0, 0.0, 0L, "", List.of(), Map.of(), false, BigInteger.ZERO)) {
            assertThat(Numbers.truthy(falsy)).as("%s", falsy).isFalse();
        }
        for (Object truthy : List.of(1, -0.5, "x", List.of(1), true, new Object())) {
            assertThat(Numbers.truthy(truthy)).as("%s", truthy).isTrue();
        }
        assertThat(Numbers.truthy(new int[0])).isFalse();
    }
}
