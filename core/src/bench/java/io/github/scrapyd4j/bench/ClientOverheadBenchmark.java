package io.github.scrapyd4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.model.DaemonStatus;
import io.github.scrapyd4j.model.JobList;
import io.github.scrapyd4j.testing.FakeScrapyd;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-call cost of ScrapydClient against a bare HttpClient call of the same request to the same
 * {@code FakeScrapyd} with fixed answers ({@code answer(...)}): listjobs.json with 1,000 finished
 * jobs, and daemonstatus.json.
 *
 * <p>Three baselines: {@code bare*Bytes} sends the request and takes the body as bytes (no parsing
 * at all); {@code bare*Tree} also parses it with Jackson into a tree, which is what a hand-written
 * wrapper does at the least. The client parses into typed values (dates, absolute URIs).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Dsun.net.httpserver.nodelay=true",
    "-Dlogback.configurationFile=logback-bench.xml"})
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 6, time = 3)
public class ClientOverheadBenchmark {
  private FakeScrapyd server;
  private ScrapydClient client;
  private HttpClient bare;
  private HttpRequest listJobsRequest;
  private HttpRequest daemonStatusRequest;
  private final ObjectMapper mapper = new ObjectMapper();

  @Setup(Level.Trial)
  public void start() throws Exception {
    server = new FakeScrapyd().withoutRequestLog()
        .answer("/listjobs.json", Bodies.listJobs(1000))
        .answer("/daemonstatus.json", Bodies.DAEMON_STATUS);
    client = ScrapydClient.builder().baseUri(server.url()).build();
    bare = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    listJobsRequest = request(server.url() + "listjobs.json?project=labbot");
    daemonStatusRequest = request(server.url() + "daemonstatus.json");
    if (client.listJobs("labbot").finished().size() != 1000) {
      throw new IllegalStateException("the server should list 1000 finished jobs");
    }
  }

  private static HttpRequest request(String uri) {
    return HttpRequest.newBuilder(URI.create(uri)).version(HttpClient.Version.HTTP_1_1)
        .timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
        .header("User-Agent", "bare").GET().build();
  }

  @TearDown(Level.Trial)
  public void stop() {
    client.close();
    server.close();
  }

  @Benchmark
  public JobList listJobsClient() {
    return client.listJobs("labbot");
  }

  @Benchmark
  public byte[] listJobsBareBytes() throws Exception {
    return bare.send(listJobsRequest, HttpResponse.BodyHandlers.ofByteArray()).body();
  }

  @Benchmark
  public JsonNode listJobsBareTree() throws Exception {
    return mapper.readTree(bare.send(listJobsRequest, HttpResponse.BodyHandlers.ofByteArray()).body());
  }

  @Benchmark
  public DaemonStatus daemonStatusClient() {
    return client.daemonStatus();
  }

  @Benchmark
  public byte[] daemonStatusBareBytes() throws Exception {
    return bare.send(daemonStatusRequest, HttpResponse.BodyHandlers.ofByteArray()).body();
  }

  @Benchmark
  public JsonNode daemonStatusBareTree() throws Exception {
    return mapper.readTree(bare.send(daemonStatusRequest, HttpResponse.BodyHandlers.ofByteArray()).body());
  }
}
