package io.pgha.api;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.DcsException;
import io.pgha.dcs.DynamicConfig;
import io.pgha.dcs.Json;
import java.util.Map;

/**
 * {@code PATCH /config} and {@code PUT /config} (rest-api.md §6.1, §6.2): change the dynamic configuration
 * in {@code /config}. A patch is written with compare-and-set on the key's mod_revision, so an edit that
 * landed between our read and our write is never overwritten: the client gets 409 and tries again.
 */
final class ConfigEndpoints {
    private static final System.Logger LOG = System.getLogger(ConfigEndpoints.class.getName());

    private final ClusterAccess dcs;

    ConfigEndpoints(ClusterAccess dcs) {
        this.dcs = dcs;
    }

    Router register(Router router) {
        return router.unsafe("PATCH", "config", (request, view) -> patch(request))
                .unsafe("PUT", "config", (request, view) -> put(request));
    }

    ApiResponse patch(ApiRequest request) {
        JsonRequestBody body = JsonRequestBody.read(request, false);
        if (body.refused()) {
            return body.refusal();
        }
        DynamicConfig config;
        try {
            config = dcs.cluster().config();
        } catch (DcsException e) {
            return ApiResponse.error(503, "cannot read the cluster from the DCS");
        }
        if (!config.present() || config.modRevision() == 0) {
            return ApiResponse.error(503);
        }
        Map<String, Object> merged = ConfigPatch.merge(config.data(), body.fields());
        if (merged != null) {
            boolean written;
            try {
                written = dcs.compareAndPutConfig(Json.write(merged), config.modRevision());
            } catch (DcsException e) {
                written = false;
            }
            if (!written) {
                return ApiResponse.error(409);
            }
            LOG.log(System.Logger.Level.INFO, "dynamic configuration changed by PATCH /config: " + body.fields().keySet());
        }
        dcs.wakeUp();
        return ApiResponse.json(200, merged != null ? merged : config.data());
    }

    ApiResponse put(ApiRequest request) {
        JsonRequestBody body = JsonRequestBody.read(request, false);
        if (body.refused()) {
            return body.refusal();
        }
        Cluster cluster;
        try {
            cluster = dcs.cluster();
        } catch (DcsException e) {
            return ApiResponse.error(503, "cannot read the cluster from the DCS");
        }
        DynamicConfig config = cluster.config();
        if (!(config.present() && config.modRevision() != 0 && ConfigPatch.sameConfig(body.fields(), config.data()))) {
            boolean written;
            try {
                written = dcs.putConfig(Json.write(body.fields()));
            } catch (DcsException e) {
                written = false;
            }
            if (!written) {
                return ApiResponse.error(502);
            }
            LOG.log(System.Logger.Level.INFO, "dynamic configuration replaced by PUT /config");
        }
        return ApiResponse.json(200, body.fields());
    }
}
