package org.loomcsp.builtins;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python-like arithmetic on boxed Java numbers, for the operator builtins.
 *
 * <p>Operands are promoted to the wider of their two kinds, in the order {@code Byte < Short <
 * Integer < Long < BigInteger < Float < Double < BigDecimal} (so {@code 1 + 2.5} is {@code 3.5},
 * as in Python), and the result has that kind: {@code Integer + Integer} is an {@code Integer}.
 * Unlike Python's unbounded ints, fixed-width integers do not grow: a result that does not fit
 * its kind throws {@link ArithmeticException} ("integer overflow") instead of wrapping silently;
 * use {@code BigInteger} for unbounded values. Floor division and modulo follow Python (they
 * round towards negative infinity; the remainder has the divisor's sign). Division of integers
 * by zero throws {@link ArithmeticException}; floating-point division by zero gives infinity or
 * NaN as in Java.
 *
 * <p>The bitwise operations accept integral kinds and {@code Boolean}: two Booleans give a
 * Boolean (logical and, or, xor; {@code Not} of a Boolean is its negation), a Boolean mixed with
 * a number counts as 0 or 1, as in Python.
 */
/*
 * Invariant: every integral kind up to LONG is computed in long with the exact (overflow-checked)
 * Math methods and narrowed back with a range check, so a result is either exact or an exception.
 */
final class Numbers {

    private Numbers() {}

    /** The kinds, in promotion order. */
    enum Kind { BYTE, SHORT, INT, LONG, BIG_INTEGER, FLOAT, DOUBLE, BIG_DECIMAL }

    static Kind kind(Object n) {
        return switch (n) {
            case Byte b -> Kind.BYTE;
            case Short s -> Kind.SHORT;
            case Integer i -> Kind.INT;
            case Long l -> Kind.LONG;
            case BigInteger b -> Kind.BIG_INTEGER;
            case Float f -> Kind.FLOAT;
            case Double d -> Kind.DOUBLE;
            case BigDecimal d -> Kind.BIG_DECIMAL;
            case Boolean b -> Kind.INT;
            default -> throw new IllegalArgumentException("not a supported number: "
                    + n.getClass().getName() + " (supported: Byte, Short, Integer, Long,"
                    + " BigInteger, Float, Double, BigDecimal)");
        };
    }

    private static Kind wider(Object a, Object b) {
        Kind ka = kind(a);
        Kind kb = kind(b);
        return ka.compareTo(kb) >= 0 ? ka : kb;
    }

    private static boolean fitsLong(Kind k) {
        return k.compareTo(Kind.LONG) <= 0;
    }

    private static long asLong(Object n) {
        return n instanceof Boolean b ? (b ? 1 : 0) : ((Number) n).longValue();
    }

    private static double asDouble(Object n) {
        return n instanceof Boolean b ? (b ? 1 : 0) : ((Number) n).doubleValue();
    }

    private static BigInteger asBig(Object n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf(asLong(n));
    }

    private static BigDecimal asDecimal(Object n) {
        return switch (n) {
            case BigDecimal d -> d;
            case BigInteger b -> new BigDecimal(b);
            case Double d -> BigDecimal.valueOf(d);
            case Float f -> new BigDecimal(f.toString());
            default -> BigDecimal.valueOf(asLong(n));
        };
    }

    /** Narrows an exact long result to {@code k} (a kind up to LONG), checking the range. */
    private static Number narrow(long v, Kind k) {
        return switch (k) {
            case BYTE -> {
                if (v != (byte) v) {
                    throw overflow();
                }
                yield (byte) v;
            }
            case SHORT -> {
                if (v != (short) v) {
                    throw overflow();
                }
                yield (short) v;
            }
            case INT -> Math.toIntExact(v);
            case LONG -> v;
            default -> throw new AssertionError(k);
        };
    }

    private static ArithmeticException overflow() {
        return new ArithmeticException("integer overflow");
    }

    private static Number floating(double v, Kind k) {
        return k == Kind.FLOAT ? (Number) (float) v : (Number) v;
    }

    static Number add(Object a, Object b) {
        Kind k = wider(a, b);
        return switch (k) {
            case BIG_INTEGER -> asBig(a).add(asBig(b));
            case FLOAT, DOUBLE -> floating(asDouble(a) + asDouble(b), k);
            case BIG_DECIMAL -> asDecimal(a).add(asDecimal(b));
            default -> narrow(Math.addExact(asLong(a), asLong(b)), k);
        };
    }

    static Number sub(Object a, Object b) {
        Kind k = wider(a, b);
        return switch (k) {
            case BIG_INTEGER -> asBig(a).subtract(asBig(b));
            case FLOAT, DOUBLE -> floating(asDouble(a) - asDouble(b), k);
            case BIG_DECIMAL -> asDecimal(a).subtract(asDecimal(b));
            default -> narrow(Math.subtractExact(asLong(a), asLong(b)), k);
        };
    }

    static Number mul(Object a, Object b) {
        Kind k = wider(a, b);
        return switch (k) {
            case BIG_INTEGER -> asBig(a).multiply(asBig(b));
            case FLOAT, DOUBLE -> floating(asDouble(a) * asDouble(b), k);
            case BIG_DECIMAL -> asDecimal(a).multiply(asDecimal(b));
            default -> narrow(Math.multiplyExact(asLong(a), asLong(b)), k);
        };
    }

    /** Python's true division {@code a / b}: always a Double ({@code 7 / 2 == 3.5}). */
    static Double trueDiv(Object a, Object b) {
        Kind k = wider(a, b);
        if (k.compareTo(Kind.BIG_INTEGER) <= 0 && asBig(b).signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (k == Kind.BIG_INTEGER || k == Kind.BIG_DECIMAL) {
            return asDecimal(a).divide(asDecimal(b), MathContext.DECIMAL64).doubleValue();
        }
        return asDouble(a) / asDouble(b);
    }

    /** Python's {@code a // b}: rounds towards negative infinity. */
    static Number floorDiv(Object a, Object b) {
        Kind k = wider(a, b);
        return switch (k) {
            case BIG_INTEGER -> {
                BigInteger[] qr = asBig(a).divideAndRemainder(asBig(b));
                yield qr[1].signum() != 0 && qr[1].signum() != asBig(b).signum()
                        ? qr[0].subtract(BigInteger.ONE) : qr[0];
            }
            case FLOAT, DOUBLE -> floating(Math.floor(asDouble(a) / asDouble(b)), k);
            case BIG_DECIMAL -> asDecimal(a).divide(asDecimal(b), 0, RoundingMode.FLOOR);
            default -> {
                long x = asLong(a);
                long y = asLong(b);
                if (x == Long.MIN_VALUE && y == -1) {
                    throw overflow();
                }
                yield narrow(Math.floorDiv(x, y), k);
            }
        };
    }

    /** Python's {@code a % b}: the result has the sign of {@code b}. */
    static Number mod(Object a, Object b) {
        Kind k = wider(a, b);
        return switch (k) {
            case BIG_INTEGER -> {
                BigInteger y = asBig(b);
                BigInteger r = asBig(a).mod(y.abs());
                yield y.signum() < 0 && r.signum() != 0 ? r.add(y) : r;
            }
            case FLOAT, DOUBLE -> {
                double y = asDouble(b);
                double r = asDouble(a) % y;
                yield floating(r != 0 && (r < 0) != (y < 0) ? r + y : r, k);
            }
            case BIG_DECIMAL -> {
                BigDecimal y = asDecimal(b);
                BigDecimal r = asDecimal(a).remainder(y);
                yield r.signum() != 0 && r.signum() != y.signum() ? r.add(y) : r;
            }
            default -> narrow(Math.floorMod(asLong(a), asLong(b)), k);
        };
    }

    /**
     * Python's {@code a ** b}. For integral kinds the exponent must be a non-negative integer
     * (Python would give a float for a negative one: use doubles for that).
     */
    static Number pow(Object a, Object b) {
        Kind k = wider(a, b);
        switch (k) {
            case FLOAT, DOUBLE -> {
                return floating(Math.pow(asDouble(a), asDouble(b)), k);
            }
            case BIG_DECIMAL -> {
                BigDecimal e = asDecimal(b);
                if (e.signum() >= 0 && e.stripTrailingZeros().scale() <= 0) {
                    return asDecimal(a).pow(e.intValueExact());
                }
                return BigDecimal.valueOf(Math.pow(asDouble(a), asDouble(b)));
            }
            default -> {
                long e = asLong(b);
                if (e < 0) {
                    throw new ArithmeticException("negative exponent " + e + " for an integer"
                            + " power; use Double operands for fractional results");
                }
                if (k == Kind.BIG_INTEGER) {
                    return asBig(a).pow(Math.toIntExact(e));
                }
                long base = asLong(a);
                long result = 1;
                while (e > 0) {
                    if ((e & 1) != 0) {
                        result = Math.multiplyExact(result, base);
                    }
                    e >>= 1;
                    if (e > 0) {
                        base = Math.multiplyExact(base, base);
                    }
                }
                return narrow(result, k);
            }
        }
    }

    /** {@code -a}, of the same kind. */
    static Number neg(Object a) {
        Kind k = kind(a);
        return switch (k) {
            case BIG_INTEGER -> asBig(a).negate();
            case FLOAT, DOUBLE -> floating(-asDouble(a), k);
            case BIG_DECIMAL -> asDecimal(a).negate();
            default -> narrow(Math.negateExact(asLong(a)), k);
        };
    }

    /** {@code a + 1}, of the same kind. */
    static Number succ(Object a) {
        return add(a, narrow(1, kindAtMost(a)));
    }

    /** {@code a - 1}, of the same kind. */
    static Number pred(Object a) {
        return sub(a, narrow(1, kindAtMost(a)));
    }

    private static Kind kindAtMost(Object a) {
        Kind k = kind(a);
        return fitsLong(k) ? k : Kind.BYTE;
    }

    // ---- bitwise ----

    private interface LongOp {
        long apply(long a, long b);
    }

    private interface BigOp {
        BigInteger apply(BigInteger a, BigInteger b);
    }

    private static Kind integral(Object a, Object b, String op) {
        Kind k = wider(a, b);
        if (!fitsLong(k) && k != Kind.BIG_INTEGER) {
            throw new IllegalArgumentException(op + " needs integers or Booleans, got "
                    + a.getClass().getSimpleName() + " and " + b.getClass().getSimpleName());
        }
        return k;
    }

    private static Object bitwise(Object a, Object b, String name, LongOp op, BigOp big,
            boolean negate) {
        if (a instanceof Boolean x && b instanceof Boolean y) {
            boolean r = op.apply(x ? 1 : 0, y ? 1 : 0) != 0;
            return negate != r;
        }
        Kind k = integral(a, b, name);
        if (k == Kind.BIG_INTEGER) {
            BigInteger r = big.apply(asBig(a), asBig(b));
            return negate ? r.not() : r;
        }
        long r = op.apply(asLong(a), asLong(b));
        return narrow(negate ? ~r : r, k);
    }

    static Object and(Object a, Object b) {
        return bitwise(a, b, "And", (x, y) -> x & y, BigInteger::and, false);
    }

    static Object or(Object a, Object b) {
        return bitwise(a, b, "Or", (x, y) -> x | y, BigInteger::or, false);
    }

    static Object xor(Object a, Object b) {
        return bitwise(a, b, "Xor", (x, y) -> x ^ y, BigInteger::xor, false);
    }

    /** Python's {@code ~(a & b)}; for two Booleans, {@code !(a && b)}. */
    static Object nand(Object a, Object b) {
        return bitwise(a, b, "Nand", (x, y) -> x & y, BigInteger::and, true);
    }

    /** Python's {@code ~(a | b)}; for two Booleans, {@code !(a || b)}. */
    static Object nor(Object a, Object b) {
        return bitwise(a, b, "Nor", (x, y) -> x | y, BigInteger::or, true);
    }

    /** Python's {@code ~a} ({@code 5 -> -6}); for a Boolean, its negation. */
    static Object not(Object a) {
        if (a instanceof Boolean x) {
            return !x;
        }
        Kind k = integral(a, a, "Not");
        return k == Kind.BIG_INTEGER ? asBig(a).not() : narrow(~asLong(a), k);
    }

    /** {@code a << n}; a result that does not fit the kind of {@code a} throws. */
    static Number lshift(Object a, Object n) {
        Kind k = integral(a, a, "LShift");
        int s = shiftCount(n);
        if (k == Kind.BIG_INTEGER) {
            return asBig(a).shiftLeft(s);
        }
        long x = asLong(a);
        if (s >= 64 ? x != 0 : (x << s) >> s != x) {
            throw overflow();
        }
        return narrow(s >= 64 ? 0 : x << s, k);
    }

    /** {@code a >> n} (arithmetic shift, as in Python). */
    static Number rshift(Object a, Object n) {
        Kind k = integral(a, a, "RShift");
        int s = shiftCount(n);
        if (k == Kind.BIG_INTEGER) {
            return asBig(a).shiftRight(s);
        }
        return narrow(asLong(a) >> Math.min(s, 63), k);
    }

    private static int shiftCount(Object n) {
        Kind k = kind(n);
        if (!fitsLong(k) && k != Kind.BIG_INTEGER) {
            throw new IllegalArgumentException("shift count must be an integer: " + n);
        }
        long s = asLong(n);
        if (s < 0) {
            throw new ArithmeticException("negative shift count " + s);
        }
        return (int) Math.min(s, Integer.MAX_VALUE);
    }

    // ---- comparison ----

    /**
     * Compares two values: numbers by value across kinds ({@code 1 == 1.0}), anything else with
     * {@link Comparable}. Returns {@code null} when they are unordered (a NaN is involved).
     *
     * @throws ClassCastException if the values cannot be compared
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Integer compare(Object a, Object b) {
        if ((a instanceof Number || a instanceof Boolean) && (b instanceof Number
                || b instanceof Boolean) && !(a instanceof Boolean && b instanceof Boolean)) {
            Kind k = wider(a, b);
            if (fitsLong(k)) {
                return Long.compare(asLong(a), asLong(b));
            }
            if (k == Kind.BIG_INTEGER) {
                return asBig(a).compareTo(asBig(b));
            }
            double x = asDouble(a);
            double y = asDouble(b);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return null;
            }
            if (k == Kind.BIG_DECIMAL && !Double.isInfinite(x) && !Double.isInfinite(y)) {
                return asDecimal(a).compareTo(asDecimal(b));
            }
            return x < y ? -1 : x > y ? 1 : 0;
        }
        if (a instanceof Comparable ca) {
            return Integer.signum(ca.compareTo(b));
        }
        throw new ClassCastException(a.getClass().getName() + " is not Comparable");
    }

    /** Python's {@code ==}: numbers by value across kinds, anything else by {@code equals}. */
    static boolean equal(Object a, Object b) {
        if ((a instanceof Number && b instanceof Number)
                || (a instanceof Number && b instanceof Boolean)
                || (a instanceof Boolean && b instanceof Number)) {
            try {
                Integer c = compare(a, b);
                return c != null && c == 0;
            } catch (IllegalArgumentException unsupported) {
                return a.equals(b);
            }
        }
        return a.equals(b);
    }

    // ---- truth ----

    /**
     * Python's truth value: {@code false} for {@code Boolean.FALSE}, numeric zero, and empty
     * strings, collections, maps, arrays and {@code Optional}s; {@code true} otherwise.
     */
    static boolean truthy(Object v) {
        return switch (v) {
            case Boolean b -> b;
            case Number n -> {
                try {
                    yield switch (kind(n)) {
                        case BIG_INTEGER -> asBig(n).signum() != 0;
                        case BIG_DECIMAL -> asDecimal(n).signum() != 0;
                        case FLOAT, DOUBLE -> asDouble(n) != 0.0;
                        default -> asLong(n) != 0;
                    };
                } catch (IllegalArgumentException unsupported) {
                    yield n.doubleValue() != 0.0;
                }
            }
            case CharSequence s -> !s.isEmpty();
            case java.util.Collection<?> c -> !c.isEmpty();
            case java.util.Map<?, ?> m -> !m.isEmpty();
            case java.util.Optional<?> o -> o.isPresent();
            default -> !v.getClass().isArray() || java.lang.reflect.Array.getLength(v) > 0;
        };
    }
}
