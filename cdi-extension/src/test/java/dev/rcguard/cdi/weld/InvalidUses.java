package dev.rcguard.cdi.weld;

import dev.rcguard.RequiresRingCentralFeature;
import dev.rcguard.RequiresRingCentralPermission;
import dev.rcguard.TokenSource;
import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.PathParam;

/** Beans that use the annotations in ways that can never be enforced; each must fail its deployment. */
final class InvalidUses {

    private InvalidUses() {}

    @Dependent
    static class BlankId {
        @RequiresRingCentralPermission("")
        public void read() {}
    }

    @Dependent
    static class MalformedId {
        @RequiresRingCentralFeature("SMS Sending")
        public void send() {}
    }

    @Dependent
    static class PlaceholderNamingNoParameter {
        @RequiresRingCentralPermission(value = "ReadMessages", targetExtension = "{extensionId}")
        public void read(@PathParam("userId") String userId) {}
    }

    @Dependent
    static class TargetThatIsNoPlaceholder {
        @RequiresRingCentralPermission(value = "ReadMessages", targetExtension = "extensionId")
        public void read(String extensionId) {}
    }

    @Dependent
    static class PrivateMethod {
        @RequiresRingCentralPermission("ReadMessages")
        private void read() {}
    }

    @Dependent
    static class FinalMethod {
        @RequiresRingCentralPermission("ReadMessages")
        public final void read() {}
    }

    @Dependent
    static class StaticMethod {
        @RequiresRingCentralPermission("ReadMessages")
        public static void read() {}
    }

    @Dependent
    @RequiresRingCentralPermission("ReadMessages")
    static final class FinalClass {
        public void read() {}
    }

    @Dependent
    public static class OneTokenSource implements TokenSource {
        @Override
        public String accessToken(Request request) {
            return null;
        }
    }

    /** A second bean of type {@link OneTokenSource}. */
    @Dependent
    public static class AnotherTokenSource extends OneTokenSource {}
}
