\set ON_ERROR_STOP 1
\timing on
-- 1. Bound inspections (PL 8.1 rows r1a…k11b2 from records) at the root over the term, grouped attributes.
EXPLAIN (ANALYZE, BUFFERS)
WITH RECURSIVE subtree_history(id, valid_from, valid_to, depth) AS (
  SELECT o.id, '0000-01-01', '9999-12-31', 0 FROM organizations o WHERE o.id = :'root'
  UNION ALL
  SELECT l.organization_id,
         CASE WHEN l.valid_from > s.valid_from THEN l.valid_from ELSE s.valid_from END,
         CASE WHEN COALESCE(l.valid_to, '9999-12-31') < s.valid_to THEN COALESCE(l.valid_to, '9999-12-31') ELSE s.valid_to END,
         s.depth + 1
  FROM organization_links l JOIN subtree_history s ON l.parent_id = s.id
  WHERE l.valid_from < s.valid_to AND COALESCE(l.valid_to, '9999-12-31') > s.valid_from
    AND l.valid_from <= '2025-06-30' AND COALESCE(l.valid_to, '9999-12-31') > '2020-07-01' AND s.depth < 32
)
SELECT c.concluded_on AS day, c.actor AS a0, c.kind AS a1, CASE WHEN j.violation THEN 'yes' ELSE 'no' END AS a2,
       CASE WHEN j.discipline_required THEN 'yes' ELSE 'no' END AS a3, COUNT(*) AS n
FROM inspection_cases c
JOIN subtree_history s ON s.id = c.actor_organization_id AND s.valid_from <= c.concluded_on AND c.concluded_on < s.valid_to
JOIN inspection_subjects j ON j.case_id = c.id
WHERE c.concluded_on >= '2020-07-01' AND c.concluded_on <= '2025-06-30'
  AND c.kind IN ('regularInspection','signsOfViolation','inspectionDuty','disciplineWork','finance','partyDues') AND j.member_id IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;

-- 2. Progress of every case acted in the subtree, one year.
EXPLAIN (ANALYZE, BUFFERS)
WITH RECURSIVE subtree(id, depth, parent_id) AS (
  SELECT o.id, 0, o.id FROM organizations o WHERE o.id = :'root'
  UNION ALL
  SELECT l.organization_id, s.depth + 1, l.parent_id FROM organization_links l JOIN subtree s ON l.parent_id = s.id
  WHERE l.valid_from <= '2026-12-02' AND (l.valid_to IS NULL OR l.valid_to > '2026-12-02') AND s.depth < 32
)
SELECT 'all' AS k,
  CASE WHEN c.concluded_on IS NOT NULL THEN 'concluded' WHEN c.started_on IS NOT NULL THEN 'started' ELSE 'planned' END AS status,
  CASE WHEN (c.concluded_on IS NULL AND c.started_on IS NULL AND c.planned_start < '2026-12-02')
         OR (c.concluded_on IS NULL AND c.started_on IS NOT NULL AND c.planned_end < '2026-12-02')
         OR (c.concluded_on IS NOT NULL AND c.concluded_on > c.planned_end) THEN 1 ELSE 0 END AS late, COUNT(*) AS n
FROM subtree s JOIN inspection_cases c ON c.actor_organization_id = s.id
WHERE c.planned_start >= '2024-01-01' AND c.planned_start <= '2024-12-31' GROUP BY 1, 2, 3;

-- 3. Overdue requirements, first walk-up batch (large scope), newest recorded first.
EXPLAIN (ANALYZE, BUFFERS)
WITH RECURSIVE candidates AS (
  SELECT r.id AS id, r.created_at AS at, r.organization_id AS org FROM inspection_requirements r
  WHERE r.organization_id IS NOT NULL AND r.done_on IS NULL AND r.due_date < '2026-12-02'
  ORDER BY r.created_at DESC, r.id DESC LIMIT 200),
reach(org, anc, depth) AS (
  SELECT DISTINCT c.org, c.org, 0 FROM candidates c
  UNION ALL
  SELECT r.org, l.parent_id, r.depth + 1 FROM reach r JOIN organization_links l ON l.organization_id = r.anc
  WHERE l.valid_from <= '2026-12-02' AND (l.valid_to IS NULL OR l.valid_to > '2026-12-02') AND r.depth < 32 AND r.anc <> :'root'
)
SELECT c.id, c.at, CASE WHEN c.org IN (SELECT r.org FROM reach r WHERE r.anc = :'root') THEN 1 ELSE 0 END AS inside
FROM candidates c ORDER BY c.at DESC, c.id DESC;

-- 4. Bound denunciations resolved at the root over the term.
EXPLAIN (ANALYZE, BUFFERS)
WITH RECURSIVE subtree_history(id, valid_from, valid_to, depth) AS (
  SELECT o.id, '0000-01-01', '9999-12-31', 0 FROM organizations o WHERE o.id = :'root'
  UNION ALL
  SELECT l.organization_id,
         CASE WHEN l.valid_from > s.valid_from THEN l.valid_from ELSE s.valid_from END,
         CASE WHEN COALESCE(l.valid_to, '9999-12-31') < s.valid_to THEN COALESCE(l.valid_to, '9999-12-31') ELSE s.valid_to END,
         s.depth + 1
  FROM organization_links l JOIN subtree_history s ON l.parent_id = s.id
  WHERE l.valid_from < s.valid_to AND COALESCE(l.valid_to, '9999-12-31') > s.valid_from
    AND l.valid_from <= '2025-06-30' AND COALESCE(l.valid_to, '9999-12-31') > '2020-07-01' AND s.depth < 32
)
SELECT d.concluded_on AS day, d.subject_kind AS a0, d.actor AS a1, d.outcome AS a2, COUNT(*) AS n
FROM denunciations d
JOIN subtree_history s ON s.id = d.handler_organization_id AND s.valid_from <= d.concluded_on AND d.concluded_on < s.valid_to
WHERE d.concluded_on >= '2020-07-01' AND d.concluded_on <= '2025-06-30'
GROUP BY 1, 2, 3, 4;
