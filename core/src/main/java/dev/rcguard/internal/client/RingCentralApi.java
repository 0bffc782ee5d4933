package dev.rcguard.internal.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The RingCentral endpoints, as a MicroProfile Rest Client interface. Methods answer the raw {@link Response} so that
 * {@link Answers} alone decides what every status and body means.
 */
@Path("/restapi/v1.0/account/{accountId}/extension/{extensionId}")
@Produces(MediaType.APPLICATION_JSON)
public interface RingCentralApi {

    @GET
    @Path("/authz-profile/check")
    Response checkPermission(
            @HeaderParam("Authorization") String authorization,
            @PathParam("accountId") String accountId,
            @PathParam("extensionId") String extensionId,
            @QueryParam("permissionId") String permissionId,
            @QueryParam("targetExtensionId") String targetExtensionId);

    @GET
    @Path("/features")
    Response features(
            @HeaderParam("Authorization") String authorization,
            @PathParam("accountId") String accountId,
            @PathParam("extensionId") String extensionId,
            @QueryParam("featureId") List<String> featureIds);

    @GET
    @Path("/authz-profile")
    Response authzProfile(
            @HeaderParam("Authorization") String authorization,
            @PathParam("accountId") String accountId,
            @PathParam("extensionId") String extensionId);
}
