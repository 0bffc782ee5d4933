package dev.rcguard.cdi.weld;

import dev.rcguard.RequiresRingCentralPermission;

@RequiresRingCentralPermission("ReadCallLog")
public abstract class ArchiveBase {}
