package io.pgha.dcs;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.pgha.testing.FreePorts;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The CLI's transport must work with jetcd, gRPC, Netty, Vert.x and jackson-databind absent from the class
 * path: loading them costs about a second on every command.
 */
class EtcdGatewayDcsClassLoadingTest {
    private static final Pattern AGENT_ONLY = Pattern.compile("jetcd|grpc|netty|vertx|protobuf|failsafe|jackson-databind");

    @Test
    void gatewayRunsWithoutAnyAgentLibrary() throws Exception {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").port(FreePorts.next()));
        server.start();
        try {
            server.stubFor(get(urlEqualTo("/version")).willReturn(okJson("{\"etcdserver\":\"3.4.23\",\"etcdcluster\":\"3.4.0\"}")));
            server.stubFor(post(urlEqualTo("/v3/kv/range")).willReturn(okJson(
                    "{\"header\":{\"revision\":\"9\"},\"kvs\":[{\"key\":\"L3NlcnZpY2UvZGVtby9sZWFkZXI=\","
                            + "\"create_revision\":\"8\",\"mod_revision\":\"8\",\"version\":\"1\",\"value\":\"bm9kZTE=\","
                            + "\"lease\":\"301074960447882758\"}],\"count\":\"1\"}")));
            URL[] withoutAgentLibraries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(entry -> !AGENT_ONLY.matcher(entry).find())
                    .map(EtcdGatewayDcsClassLoadingTest::url)
                    .toArray(URL[]::new);
            try (URLClassLoader loader = new URLClassLoader(withoutAgentLibraries, ClassLoader.getPlatformClassLoader())) {
                Class<?> settings = loader.loadClass(EtcdSettings.class.getName());
                Object configured = settings.getMethod("of", List.class, Duration.class)
                        .invoke(null, List.of(URI.create("http://127.0.0.1:" + server.port())), Duration.ofSeconds(5));
                Object dcs = loader.loadClass(EtcdGatewayDcs.class.getName()).getConstructor(settings).newInstance(configured);
                Object range = dcs.getClass().getMethod("range", String.class).invoke(dcs, "/service/demo/");
                dcs.getClass().getMethod("close").invoke(dcs);

                assertEquals("RangeResult[revision=9, kvs=[KeyValue[key=/service/demo/leader, value=node1, "
                        + "createRevision=8, modRevision=8, lease=301074960447882758]]]", range.toString());
                assertThrows(ClassNotFoundException.class, () -> loader.loadClass("io.etcd.jetcd.Client"),
                        "the test class path must really lack jetcd");
                assertThrows(ClassNotFoundException.class,
                        () -> loader.loadClass("com.fasterxml.jackson.databind.ObjectMapper"),
                        "the test class path must really lack jackson-databind");
            }
        } finally {
            server.stop();
        }
    }

    private static URL url(String entry) {
        try {
            return new File(entry).toURI().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
