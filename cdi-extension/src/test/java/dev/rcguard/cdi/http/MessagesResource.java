package dev.rcguard.cdi.http;

import dev.rcguard.RequiresRingCentralFeature;
import dev.rcguard.RequiresRingCentralPermission;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A resource that is a CDI bean: JAX-RS filter and interceptor both apply. */
@RequestScoped
@Path("/messages")
public class MessagesResource {

    @Inject
    Mailbox mailbox;

    @Inject
    AdminService admin;

    @GET
    @RequiresRingCentralPermission("ReadMessages")
    public String list() {
        Invocations.record("GET /messages");
        return mailbox.messages();
    }

    @GET
    @Path("/admin")
    public String admin() {
        Invocations.record("GET /messages/admin");
        return admin.settings();
    }

    @GET
    @Path("/users/{extensionId}")
    @RequiresRingCentralPermission(value = "ReadMessages", targetExtension = "{extensionId}")
    public String ofUser(@PathParam("extensionId") String extensionId) {
        Invocations.record("GET /messages/users/{extensionId}");
        return "messages of " + extensionId;
    }

    @GET
    @Path("/users/{extensionId}/forwarded")
    @RequiresRingCentralPermission(value = "ReadMessages", targetExtension = "{extensionId}")
    public String forwarded(@PathParam("extensionId") String extensionId) {
        Invocations.record("GET /messages/users/{extensionId}/forwarded");
        return mailbox.messagesOf("999999"); // the same permission, for another extension
    }

    @POST
    @Path("/sms")
    @Consumes(MediaType.TEXT_PLAIN)
    @RequiresRingCentralFeature("SMSSending")
    public String send(Sms sms) {
        Invocations.record("POST /messages/sms");
        return "sent " + sms.text();
    }

    @GET
    @Path("/async")
    @RequiresRingCentralPermission("ReadMessages")
    public CompletionStage<String> async() {
        Invocations.record("GET /messages/async");
        return CompletableFuture.supplyAsync(() -> "async messages");
    }

    @GET
    @Path("/suspended")
    @RequiresRingCentralPermission("ReadMessages")
    public void suspended(@Suspended AsyncResponse response) {
        Invocations.record("GET /messages/suspended");
        CompletableFuture.runAsync(() -> response.resume("suspended messages"));
    }
}
