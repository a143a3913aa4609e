import Foundation
import Hummingbird
import Synchronization

/// Request counts and latencies by route, and job runs, in the Prometheus text format (issue:
/// production readiness, item 2). Routes are their templates (`/enterprises/{uscc}`), never the
/// values in them, so the metrics carry no personal data.
public final class Metrics: Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    static let buckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

    struct Key: Hashable, Comparable {
        let method: String, route: String, status: Int
        static func < (a: Key, b: Key) -> Bool { (a.route, a.method, a.status) < (b.route, b.method, b.status) }
    }
    struct Series {
        var count = 0
        var sum = 0.0
        var buckets = [Int](repeating: 0, count: Metrics.buckets.count)
    }
    private let requests = Mutex<[Key: Series]>([:])
    private let jobs = Mutex<[String: (runs: Int, failures: Int)]>([:])

    public init() {}

    func observe(method: String, route: String, status: Int, seconds: Double) {
        requests.withLock { all in
            var s = all[Key(method: method, route: route, status: status), default: Series()]
            s.count += 1; s.sum += seconds
            for (i, bound) in Self.buckets.enumerated() where seconds <= bound { s.buckets[i] += 1 }
            all[Key(method: method, route: route, status: status)] = s
        }
    }

    public func jobRan(_ name: String, failed: Bool) {
        jobs.withLock { all in
            var j = all[name, default: (0, 0)]
            j.runs += 1; if failed { j.failures += 1 }
            all[name] = j
        }
    }

    /// The Prometheus exposition text.
    public func render() -> String {
        var out = ["# HELP kechuang_http_requests_total Requests answered, by method, route and status.",
                   "# TYPE kechuang_http_requests_total counter"]
        let snapshot = requests.withLock { $0 }
        for (k, s) in snapshot.sorted(by: { $0.key < $1.key }) {
            out.append("kechuang_http_requests_total{\(labels(k))} \(s.count)")
        }
        out += ["# HELP kechuang_http_request_duration_seconds Time to answer, by method, route and status.",
                "# TYPE kechuang_http_request_duration_seconds histogram"]
        for (k, s) in snapshot.sorted(by: { $0.key < $1.key }) {
            for (i, bound) in Self.buckets.enumerated() {
                out.append("kechuang_http_request_duration_seconds_bucket{\(labels(k)),le=\"\(bound)\"} \(s.buckets[i])")
            }
            out.append("kechuang_http_request_duration_seconds_bucket{\(labels(k)),le=\"+Inf\"} \(s.count)")
            out.append("kechuang_http_request_duration_seconds_sum{\(labels(k))} \(String(format: "%.6f", s.sum))")
            out.append("kechuang_http_request_duration_seconds_count{\(labels(k))} \(s.count)")
        }
        out += ["# HELP kechuang_job_runs_total Scheduled job runs, and those that failed.", "# TYPE kechuang_job_runs_total counter"]
        for (name, j) in jobs.withLock({ $0 }).sorted(by: { $0.key < $1.key }) {
            out.append("kechuang_job_runs_total{job=\"\(name)\",result=\"ok\"} \(j.runs - j.failures)")
            out.append("kechuang_job_runs_total{job=\"\(name)\",result=\"failed\"} \(j.failures)")
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func labels(_ k: Key) -> String {
        "method=\"\(k.method)\",route=\"\(k.route.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\",status=\"\(k.status)\""
    }
}

/// Times every request and records it under its route template; a request no route matched is
/// recorded under Hummingbird's `NotFound`, so scanners cannot grow the series without bound.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: Metrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        func record(_ status: Int) {
            let d = ContinuousClock.now - start
            let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
            metrics.observe(method: request.method.rawValue, route: context.endpointPath ?? "NotFound", status: status, seconds: seconds)
        }
        do {
            let response = try await next(request, context)
            record(response.status.code)
            return response
        } catch let e as any HTTPResponseError {
            record(e.status.code)
            throw e
        } catch {
            record(500)
            throw error
        }
    }
}
