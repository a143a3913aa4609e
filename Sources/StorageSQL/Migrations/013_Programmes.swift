import Matching

/// 013: science programmes and expert matching (issue: programmes and matching). Calls under the
/// programmes, project applications on the review chain with their step log, the expert pool,
/// reviewer assignments with scores (0–100), the chief-expert scheme's needs and two-way
/// matches, matchmaking events with each firm's funnel stage, and the firms chain leaders
/// brought in. A reviewer scores a project once; a need has one chief expert at a time.
enum Migration013Programmes {
    static let migration = Migration(id: 13, name: "programmes", up: up, down: down)

    static var statuses: String { ProjectStatus.allCases.map { "'\($0.rawValue)'" }.joined(separator: ",") }

    static func up(_ e: SQLEngine) -> [String] {
        [
            """
            CREATE TABLE programmes (
              code TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 64),
              name TEXT NOT NULL,
              fields TEXT NOT NULL)
            """,
            """
            CREATE TABLE programme_calls (
              id \(e.serialPrimaryKey),
              programme_code TEXT NOT NULL REFERENCES programmes(code),
              title TEXT NOT NULL,
              opens TEXT NOT NULL,
              closes TEXT NOT NULL,
              budget_fen BIGINT NOT NULL CHECK (budget_fen >= 0),
              reviewers INTEGER NOT NULL CHECK (reviewers BETWEEN 1 AND 9),
              city_quota INTEGER NOT NULL CHECK (city_quota >= 0),
              created_at TEXT NOT NULL,
              created_by TEXT NOT NULL,
              CHECK (closes >= opens))
            """,
            """
            CREATE TABLE projects (
              id \(e.serialPrimaryKey),
              call_id BIGINT NOT NULL REFERENCES programme_calls(id),
              uscc TEXT NOT NULL REFERENCES enterprises(uscc),
              title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
              summary TEXT NOT NULL,
              fields TEXT NOT NULL,
              keywords TEXT NOT NULL,
              partners TEXT NOT NULL,
              requested_fen BIGINT NOT NULL CHECK (requested_fen >= 0),
              status TEXT NOT NULL CHECK (status IN (\(statuses))),
              submitted_at TEXT NOT NULL,
              updated_at TEXT NOT NULL,
              UNIQUE (call_id, uscc, title))
            """,
            "CREATE INDEX projects_call ON projects (call_id, status)",
            """
            CREATE TABLE project_steps (
              id \(e.serialPrimaryKey),
              project_id BIGINT NOT NULL REFERENCES projects(id),
              at TEXT NOT NULL,
              actor TEXT NOT NULL,
              action TEXT NOT NULL,
              from_status TEXT NOT NULL,
              to_status TEXT NOT NULL,
              note TEXT)
            """,
            "CREATE INDEX project_steps_project ON project_steps (project_id, id)",
            """
            CREATE TABLE experts (
              id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
              name TEXT NOT NULL,
              institution TEXT,
              fields TEXT NOT NULL,
              keywords TEXT NOT NULL,
              collaborations TEXT NOT NULL,
              interests TEXT NOT NULL,
              capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 50),
              recommended_by TEXT,
              chief BOOLEAN NOT NULL DEFAULT FALSE)
            """,
            """
            CREATE TABLE review_assignments (
              project_id BIGINT NOT NULL REFERENCES projects(id),
              expert_id TEXT NOT NULL REFERENCES experts(id),
              assigned_at TEXT NOT NULL,
              score_centi INTEGER CHECK (score_centi BETWEEN 0 AND 10000),
              scored_at TEXT,
              PRIMARY KEY (project_id, expert_id),
              CHECK ((score_centi IS NULL) = (scored_at IS NULL)))
            """,
            """
            CREATE TABLE chief_needs (
              id \(e.serialPrimaryKey),
              round TEXT NOT NULL,
              uscc TEXT NOT NULL REFERENCES enterprises(uscc),
              field TEXT NOT NULL,
              problem TEXT NOT NULL CHECK (length(problem) >= 1),
              channel TEXT NOT NULL CHECK (channel IN ('platform','chatGroup','visit')),
              created_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE chief_matches (
              need_id BIGINT PRIMARY KEY REFERENCES chief_needs(id),
              expert_id TEXT NOT NULL REFERENCES experts(id),
              proposed_at TEXT NOT NULL,
              firm_accepted_at TEXT,
              expert_accepted_at TEXT,
              term_starts TEXT,
              term_ends TEXT,
              achievements INTEGER NOT NULL DEFAULT 0 CHECK (achievements >= 0),
              problems_solved INTEGER NOT NULL DEFAULT 0 CHECK (problems_solved >= 0),
              trainings INTEGER NOT NULL DEFAULT 0 CHECK (trainings >= 0),
              CHECK ((term_starts IS NULL) = (firm_accepted_at IS NULL OR expert_accepted_at IS NULL)))
            """,
            """
            CREATE TABLE matchmaking_events (
              id \(e.serialPrimaryKey),
              title TEXT NOT NULL,
              held_on TEXT NOT NULL,
              partner TEXT NOT NULL)
            """,
            """
            CREATE TABLE event_firms (
              event_id BIGINT NOT NULL REFERENCES matchmaking_events(id),
              uscc TEXT NOT NULL REFERENCES enterprises(uscc),
              attended BOOLEAN NOT NULL DEFAULT FALSE,
              intention TEXT,
              contract_fen BIGINT CHECK (contract_fen >= 0),
              PRIMARY KEY (event_id, uscc),
              CHECK (intention IS NULL OR attended),
              CHECK (contract_fen IS NULL OR intention IS NOT NULL))
            """,
            """
            CREATE TABLE chain_suppliers (
              leader_uscc TEXT NOT NULL REFERENCES enterprises(uscc),
              supplier_uscc TEXT NOT NULL REFERENCES enterprises(uscc),
              chain_code TEXT NOT NULL REFERENCES industry_chains(code),
              since TEXT NOT NULL,
              PRIMARY KEY (leader_uscc, supplier_uscc),
              CHECK (leader_uscc <> supplier_uscc))
            """,
        ]
    }

    static func down(_ e: SQLEngine) -> [String] {
        ["chain_suppliers", "event_firms", "matchmaking_events", "chief_matches", "chief_needs", "review_assignments", "experts",
         "project_steps", "projects", "programme_calls", "programmes"].map { "DROP TABLE \($0)" }
    }
}
