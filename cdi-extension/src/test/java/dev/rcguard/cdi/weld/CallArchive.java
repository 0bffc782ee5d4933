package dev.rcguard.cdi.weld;

import jakarta.enterprise.context.ApplicationScoped;

/** Protected only through the class-level annotation it inherits from {@link ArchiveBase} ({@code @Inherited}). */
@ApplicationScoped
public class CallArchive extends ArchiveBase {

    public String list() {
        return "calls";
    }
}
