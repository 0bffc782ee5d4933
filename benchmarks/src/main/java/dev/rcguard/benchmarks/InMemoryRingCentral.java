package dev.rcguard.benchmarks;

import dev.rcguard.internal.client.Answers;
import dev.rcguard.internal.http.HttpResponse;
import dev.rcguard.internal.telemetry.GuardTelemetry;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.RingCentralClient;
import dev.rcguard.spi.RingCentralClient.Answer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A {@link RingCentralClient} without a network: every permission is granted with RingCentral's real answer body,
 * which core's {@link Answers} reads exactly as it reads a real one, so the cost of mapping an answer stays in the
 * measurement and only the HTTP exchange is left out.
 *
 * <pre>{@code
 * PermissionGuard guard = new PermissionGuard(InMemoryRingCentral.inline(), config);
 * }</pre>
 */
public final class InMemoryRingCentral implements RingCentralClient {

    private static final Map<String, List<String>> JSON = Map.of("content-type", List.of("application/json"));

    private final Executor executor;
    /** Records each call as {@code HttpRingCentralClient} does, or {@code null}: records nothing, builds no URL. */
    private final GuardTelemetry telemetry;

    private InMemoryRingCentral(Executor executor, GuardTelemetry telemetry) {
        this.executor = executor;
        this.telemetry = telemetry;
    }

    private InMemoryRingCentral(Executor executor) {
        this(executor, null);
    }

    /**
     * This client, recording each call to {@code telemetry} with the same hooks and the same target URL as
     * {@code HttpRingCentralClient} ({@link GuardTelemetry#NONE}: the URL is built, nothing is recorded).
     */
    public InMemoryRingCentral recordingTo(GuardTelemetry telemetry) {
        return new InMemoryRingCentral(executor, telemetry);
    }

    /** Answers on the calling thread: the engine's own cost only. */
    public static InMemoryRingCentral inline() {
        return new InMemoryRingCentral(Runnable::run);
    }

    /** Answers on {@code executor}, as the real client does on its pool: adds the thread hand-off. */
    public static InMemoryRingCentral on(Executor executor) {
        return new InMemoryRingCentral(executor);
    }

    @Override
    public CompletableFuture<Answer> checkPermission(Caller caller, String permissionId, String targetExtensionId) {
        if (telemetry == null) {
            return CompletableFuture.supplyAsync(
                    () -> Answers.permission(permissionId, granted(permissionId), caller.accessToken()), executor);
        }
        String target = "/restapi/v1.0/account/" + caller.accountId() + "/extension/" + caller.extensionId()
                + "/authz-profile/check?permissionId=" + permissionId
                + (targetExtensionId == null ? "" : "&targetExtensionId=" + targetExtensionId);
        GuardTelemetry.Call recorded = telemetry.call(target);
        return recorded.ended(CompletableFuture.supplyAsync(
                () -> recorded.answering(answer -> Answers.permission(permissionId, answer, caller.accessToken()))
                        .apply(granted(permissionId)),
                executor));
    }

    @Override
    public CompletableFuture<Answer> checkFeatures(Caller caller, List<String> featureIds) {
        return CompletableFuture.supplyAsync(
                () -> Answers.features(featureIds, available(featureIds), caller.accessToken()), executor);
    }

    /** RingCentral's {@code authz-profile/check} answer granting {@code id} (the shape of its API reference). */
    static HttpResponse granted(String id) {
        String base = "https://platform.ringcentral.com/restapi/v1.0";
        return answer(
                "{\"uri\":\"" + base + "/account/809646016/extension/62288329016/authz-profile/check?permissionId="
                        + id + "&targetExtensionId=62288329016\",\"successful\":true,\"details\":{\"permission\":"
                        + "{\"uri\":\"" + base + "/dictionary/permission/" + id + "\",\"id\":\"" + id
                        + "\",\"assignable\":true,\"readOnly\":false,\"siteCompatible\":\"Independent\"},"
                        + "\"effectiveRole\":{\"uri\":\"" + base + "/dictionary/user-role/1\",\"id\":\"1\"},"
                        + "\"scopes\":[\"AllExtensions\"]}}");
    }

    private static HttpResponse answer(String body) {
        return new HttpResponse(200, JSON, body.getBytes(StandardCharsets.UTF_8), true);
    }

    private static HttpResponse available(List<String> ids) {
        StringBuilder body = new StringBuilder("{\"records\":[");
        for (int i = 0; i < ids.size(); i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"id\":\"")
                    .append(ids.get(i))
                    .append("\",\"available\":true,\"params\":[]}");
        }
        return answer(body.append("]}").toString());
    }
}
