package org.loomcsp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.testing.BackendTest;

class ShopTest {

    /** Poisoning doomed alone ends every process, children included, through the customers' arguments. */
    @BackendTest
    void poisonOnDoomedReachesTheChildren(Backend backend) throws Exception {
        Capture c = new Capture();
        Shop.Outcome o = Shop.run(c.out, Duration.ZERO);
        assertThat(o.merchantGot()).isEqualTo(Shop.SERVED);
        assertThat(o.wifeGot()).isEqualTo(Shop.SERVED);
        // Each of the merchant's 15 purchases brought a child; children are 3 items each, so some
        // were still waiting for the wife when the shop closed, and yet all ended.
        assertThat(o.children().size()).isGreaterThanOrEqualTo(Shop.SERVED);
        assertThat(o.children()).noneMatch(CSPProcess::isAlive);
        assertThat(c.lines()).contains("Terminator: closing the shop (poisoning doomed)");
    }
}
