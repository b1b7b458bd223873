@echo off
rem scrapyd4j: deploy, schedule and inspect Scrapy spiders on Scrapyd (see ..\README.txt).
rem
rem Environment: JAVA_HOME (the Java, 11 or later; else java on PATH), JAVA_OPTS and
rem SCRAPYD4J_OPTS (JVM options, after the launcher's own, so they win).
rem The JVM starts with options for a short run: the C1 compiler only, a small initial heap. Not
rem here, unlike bin/scrapyd4j, which reads the Java version: the Serial GC (Java 17 maps its CDS
rem archive's heap objects only with G1) and the application class-data archive.
setlocal

set "APP_HOME=%~dp0.."
set "JAR=%APP_HOME%\lib\scrapyd4j.jar"
if not exist "%JAR%" (
  echo scrapyd4j: %JAR% is missing: unpack the whole archive 1>&2
  exit /b 2
)

if defined JAVA_HOME (
  set "JAVACMD=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVACMD=java.exe"
)
if defined JAVA_HOME if not exist "%JAVACMD%" (
  echo scrapyd4j: JAVA_HOME is %JAVA_HOME%, but %JAVACMD% does not exist 1>&2
  exit /b 2
)

"%JAVACMD%" -XX:TieredStopAtLevel=1 -Xms16m -XX:-UsePerfData -Xshare:auto ^
  -Xlog:disable -Xlog:all=warning:stderr %JAVA_OPTS% %SCRAPYD4J_OPTS% ^
  -cp "%JAR%" io.github.scrapyd4j.cli.Scrapyd4jCommand %*
exit /b %ERRORLEVEL%
