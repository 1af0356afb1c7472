package org.loomcsp.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loomcsp.builtins.Harness.collect;
import static org.loomcsp.builtins.Harness.feed;

import java.util.List;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.testing.BackendTest;

/** Each operator builtin, run in a network: feeders, the operator, a collector. */
class OperatorsTest {

    @FunctionalInterface
    interface Binary<A, B, R> {
        CSPProcess make(Channel<A> a, Channel<B> b, Channel<R> out);
    }

    @FunctionalInterface
    interface Unary<A, R> {
        CSPProcess make(Channel<A> a, Channel<R> out);
    }

    /** Runs a binary builtin over pairs (as[i], bs[i]) and returns its outputs. */
    static <A, B, R> List<R> binary(Binary<A, B, R> op, List<A> as, List<B> bs) throws Exception {
        Channel<A> a = new Channel<>("a");
        Channel<B> b = new Channel<>("b");
        Channel<R> out = new Channel<>("out");
        return collect(as.size(), out, op.make(a, b, out), feed(a, as), feed(b, bs));
    }

    static <A, R> List<R> unary(Unary<A, R> op, List<A> as) throws Exception {
        Channel<A> a = new Channel<>("a");
        Channel<R> out = new Channel<>("out");
        return collect(as.size(), out, op.make(a, out), feed(a, as));
    }

    private static final List<Boolean> A4 = List.of(true, true, false, false);
    private static final List<Boolean> B4 = List.of(true, false, true, false);

    /** Plus adds pairs, reading cin1 then cin2; Integer in, Integer out. */
    @BackendTest
    void plusAdds(Backend backend) throws Exception {
        assertThat(binary(Plus<Integer>::new, List.of(1, 2, 3), List.of(10, 20, 30)))
                .containsExactly(11, 22, 33);
    }

    /** Pairs is python-csp's alias of Plus. */
    @BackendTest
    void pairsIsPlus(Backend backend) throws Exception {
        assertThat(binary(Pairs<Long>::new, List.of(1L), List.of(2L))).containsExactly(3L);
    }

    /** Sub subtracts cin2 from cin1. */
    @BackendTest
    void subSubtractsTheSecondFromTheFirst(Backend backend) throws Exception {
        assertThat(binary(Sub<Integer>::new, List.of(5, 1), List.of(2, 3))).containsExactly(3, -2);
    }

    /** Mul multiplies; Multiply is its alias. */
    @BackendTest
    void mulAndMultiplyMultiply(Backend backend) throws Exception {
        assertThat(binary(Mul<Integer>::new, List.of(6), List.of(7))).containsExactly(42);
        assertThat(binary(Multiply<Double>::new, List.of(1.5), List.of(2.0))).containsExactly(3.0);
    }

    /** Div is true division: 7, 2 gives 3.5. */
    @BackendTest
    void divIsTrueDivision(Backend backend) throws Exception {
        assertThat(binary(Div::new, List.<Number>of(7, 1), List.<Number>of(2, 4)))
                .containsExactly(3.5, 0.25);
    }

    /** FloorDiv rounds towards negative infinity, as Python's //. */
    @BackendTest
    void floorDivRoundsDown(Backend backend) throws Exception {
        assertThat(binary(FloorDiv<Integer>::new, List.of(7, -7), List.of(2, 2)))
                .containsExactly(3, -4);
    }

    /** Mod takes the sign of the divisor, as Python's %. */
    @BackendTest
    void modTakesTheDivisorsSign(Backend backend) throws Exception {
        assertThat(binary(Mod<Integer>::new, List.of(7, -7, 7), List.of(3, 3, -3)))
                .containsExactly(1, 2, -2);
    }

    /** Pow raises cin1 to the power cin2. */
    @BackendTest
    void powRaises(Backend backend) throws Exception {
        assertThat(binary(Pow<Integer>::new, List.of(2, 3), List.of(10, 0)))
                .containsExactly(1024, 1);
    }

    /** And, Or, Xor are bitwise on integers. */
    @BackendTest
    void bitwiseAndOrXor(Backend backend) throws Exception {
        assertThat(binary(And<Integer>::new, List.of(12), List.of(10))).containsExactly(8);
        assertThat(binary(Or<Integer>::new, List.of(12), List.of(10))).containsExactly(14);
        assertThat(binary(Xor<Integer>::new, List.of(12), List.of(10))).containsExactly(6);
    }

    /** Nand is ~(a & b) (12, 10 -> -9) and Nor ~(a | b). */
    @BackendTest
    void nandAndNorComplement(Backend backend) throws Exception {
        assertThat(binary(Nand<Integer>::new, List.of(12), List.of(10))).containsExactly(-9);
        assertThat(binary(Nor<Integer>::new, List.of(12), List.of(10))).containsExactly(-15);
    }

    /** On Booleans the bitwise operators are the logic gates. */
    @BackendTest
    void bitwiseOperatorsOnBooleansAreGates(Backend backend) throws Exception {
        assertThat(binary(And<Boolean>::new, A4, B4)).containsExactly(true, false, false, false);
        assertThat(binary(Or<Boolean>::new, A4, B4)).containsExactly(true, true, true, false);
        assertThat(binary(Xor<Boolean>::new, A4, B4)).containsExactly(false, true, true, false);
        assertThat(binary(Nand<Boolean>::new, A4, B4)).containsExactly(false, true, true, true);
        assertThat(binary(Nor<Boolean>::new, A4, B4)).containsExactly(false, false, false, true);
    }

    /** LShift and RShift shift cin1 by cin2 bits. */
    @BackendTest
    void shiftsShift(Backend backend) throws Exception {
        assertThat(binary(LShift<Integer>::new, List.of(1, 3), List.<Number>of(4, 1)))
                .containsExactly(16, 6);
        assertThat(binary(RShift<Integer>::new, List.of(16, -7), List.<Number>of(2, 1)))
                .containsExactly(4, -4);
    }

    /** Land and Lor return an operand, as Python's and/or. */
    @BackendTest
    void landAndLorReturnAnOperand(Backend backend) throws Exception {
        assertThat(binary(Land<Object>::new, List.<Object>of(0, 2, ""), List.<Object>of(5, 3, "x")))
                .containsExactly(0, 3, "");
        assertThat(binary(Lor<Object>::new, List.<Object>of(0, 2, ""), List.<Object>of(5, 3, "x")))
                .containsExactly(5, 2, "x");
        assertThat(binary(Land<Boolean>::new, A4, B4)).containsExactly(true, false, false, false);
        assertThat(binary(Lor<Boolean>::new, A4, B4)).containsExactly(true, true, true, false);
    }

    /** Lxor is a real exclusive or: [F, T, T, F] over TT, TF, FT, FF (python-csp gave [F, F, T, F]). */
    @BackendTest
    void lxorIsExclusiveOr(Backend backend) throws Exception {
        assertThat(binary(Lxor::new, A4, B4)).containsExactly(false, true, true, false);
    }

    /** Lnand and Lnor are the negated logical and/or. */
    @BackendTest
    void lnandAndLnor(Backend backend) throws Exception {
        assertThat(binary(Lnand::new, A4, B4)).containsExactly(false, true, true, true);
        assertThat(binary(Lnor::new, A4, B4)).containsExactly(false, false, false, true);
    }

    /** Eq and Ne compare numbers by value across types, other values by equals. */
    @BackendTest
    void eqAndNe(Backend backend) throws Exception {
        assertThat(binary(Eq::new, List.<Object>of(1, "a", 2), List.<Object>of(1.0, "a", 3)))
                .containsExactly(true, true, false);
        assertThat(binary(Ne::new, List.<Object>of(1, "a", 2), List.<Object>of(1.0, "a", 3)))
                .containsExactly(false, false, true);
    }

    /** Geq, Leq, Gt, Lt order numbers and Comparables. */
    @BackendTest
    void orderingComparisons(Backend backend) throws Exception {
        List<Object> as = List.of(1, 2, 3, "b");
        List<Object> bs = List.of(2, 2, 2.5, "a");
        assertThat(binary(Geq::new, as, bs)).containsExactly(false, true, true, true);
        assertThat(binary(Leq::new, as, bs)).containsExactly(true, true, false, false);
        assertThat(binary(Gt::new, as, bs)).containsExactly(false, false, true, true);
        assertThat(binary(Lt::new, as, bs)).containsExactly(true, false, false, false);
    }

    /** Is and IsNot (python-csp's Is_Not) test reference identity. */
    @BackendTest
    void isAndIsNotTestIdentity(Backend backend) throws Exception {
        Object x = new Object();
        Object y = new Object();
        assertThat(binary(Is::new, List.of(x, x), List.of(x, y))).containsExactly(true, false);
        assertThat(binary(IsNot::new, List.of(x, x), List.of(x, y))).containsExactly(false, true);
    }

    /** Neg negates, keeping the type. */
    @BackendTest
    void negNegates(Backend backend) throws Exception {
        assertThat(unary(Neg<Integer>::new, List.of(3, -4))).containsExactly(-3, 4);
    }

    /** Sin and Cos are Math.sin and Math.cos. */
    @BackendTest
    void sinAndCos(Backend backend) throws Exception {
        assertThat(unary(Sin::new, List.<Number>of(0, Math.PI / 2))).containsExactly(0.0, 1.0);
        assertThat(unary(Cos::new, List.<Number>of(0, 0.5)))
                .containsExactly(1.0, Math.cos(0.5));
    }

    /** Not is bitwise (5 -> -6); Lnot is logical. */
    @BackendTest
    void notIsBitwiseAndLnotLogical(Backend backend) throws Exception {
        assertThat(unary(Not<Integer>::new, List.of(5, 0))).containsExactly(-6, -1);
        assertThat(unary(Lnot::new, List.<Object>of(0, 5, true, "", List.of())))
                .containsExactly(true, false, false, true, true);
    }

    /** A failing operator (integer division by zero) fails its process and poisons its channels. */
    @BackendTest
    void failingOperatorPoisonsItsChannels(Backend backend) throws Exception {
        Channel<Integer> a = new Channel<>();
        Channel<Integer> b = new Channel<>();
        Channel<Integer> out = new Channel<>();
        FloorDiv<Integer> div = new FloorDiv<>(a, b, out);
        div.start();
        a.write(1);
        b.write(0);
        org.assertj.core.api.Assertions.assertThatThrownBy(div::join)
                .hasRootCauseInstanceOf(ArithmeticException.class);
        assertThat(out.isPoisoned()).isTrue();
        assertThat(a.isPoisoned()).isTrue();
    }
}
