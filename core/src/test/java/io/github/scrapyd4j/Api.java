package io.github.scrapyd4j;

import io.github.scrapyd4j.model.AddVersionResult;
import io.github.scrapyd4j.model.CancelResult;
import io.github.scrapyd4j.model.DaemonStatus;
import io.github.scrapyd4j.model.DeleteResult;
import io.github.scrapyd4j.model.JobList;
import io.github.scrapyd4j.model.JobStatus;
import io.github.scrapyd4j.model.ProjectList;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.model.ScheduleResult;
import io.github.scrapyd4j.model.Signal;
import io.github.scrapyd4j.model.SpiderList;
import io.github.scrapyd4j.model.VersionList;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every operation of the client, so that one test runs through the blocking path and through the
 * async path ({@link Mode}). The async view must have a twin of each blocking method with the same
 * name and parameters, or the proxy fails the test.
 */
interface Api {
  DaemonStatus daemonStatus();

  AddVersionResult addVersion(String project, String version, byte[] egg);

  AddVersionResult addVersion(String project, String version, Path egg);

  ScheduleResult schedule(ScheduleRequest request);

  CancelResult cancel(String project, String jobId);

  CancelResult cancel(String project, String jobId, Signal signal);

  JobStatus status(String jobId);

  JobStatus status(String project, String jobId);

  ProjectList listProjects();

  VersionList listVersions(String project);

  SpiderList listSpiders(String project);

  SpiderList listSpiders(String project, String version);

  JobList listJobs();

  JobList listJobs(String project);

  DeleteResult delVersion(String project, String version);

  DeleteResult delProject(String project);

  /** Which client path a test goes through. */
  enum Mode {
    SYNC,
    ASYNC;

    Api of(ScrapydClient client) {
      Object target = this == SYNC ? client : client.async();
      return (Api) Proxy.newProxyInstance(
          Api.class.getClassLoader(),
          new Class<?>[] {Api.class},
          (proxy, method, args) -> {
            Method twin = target.getClass().getMethod(method.getName(), method.getParameterTypes());
            Object result;
            try {
              result = twin.invoke(target, args);
            } catch (InvocationTargetException e) {
              throw e.getCause(); // argument errors are thrown at once on both paths
            }
            if (this == SYNC) {
              return result;
            }
            return join((CompletableFuture<?>) result);
          });
    }

    private static Object join(CompletableFuture<?> future) throws Throwable {
      try {
        return future.get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        throw e.getCause(); // the future fails with the very exception type the sync path throws
      } catch (TimeoutException e) {
        throw new AssertionError("async call did not complete in 30 s", e);
      }
    }
  }
}
