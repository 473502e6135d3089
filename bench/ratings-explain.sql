\set ON_ERROR_STOP 1
\timing on
-- The statements the ratings code sends (literals in place of binds). :root is the organization asked about.
-- 1. Bound `ratings` members of 2025 grouped by grade (PL 7.5/7.6's statement shape; the targets' shares).
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
    AND l.valid_from <= '2025-12-31' AND COALESCE(l.valid_to, '9999-12-31') > '2025-12-31' AND s.depth < 32
)
SELECT r.year_end AS day, COALESCE(r.grade, 'none') AS a0, COUNT(*) AS n
FROM quality_ratings r
JOIN subtree_history s ON s.id = r.organization_id AND s.valid_from <= r.year_end AND r.year_end < s.valid_to
JOIN organizations o ON o.id = r.organization_id
WHERE r.subject = 'member' AND r.year_end >= '2025-12-31' AND r.year_end <= '2025-12-31'
GROUP BY 1, 2;

-- 2. Members on the registry on 31/12/2025 without a rating that year, first 101.
EXPLAIN (ANALYZE, BUFFERS)
WITH RECURSIVE subtree(id, depth, parent_id) AS (
  SELECT o.id, 0, o.id FROM organizations o WHERE o.id = :'root'
  UNION ALL
  SELECT l.organization_id, s.depth + 1, l.parent_id FROM organization_links l JOIN subtree s ON l.parent_id = s.id
  WHERE l.valid_from <= '2025-12-31' AND (l.valid_to IS NULL OR l.valid_to > '2025-12-31') AND s.depth < 32
)
SELECT m.id AS member_id, m.full_name, o.name AS organization_name, o.code AS organization_code
FROM subtree s JOIN organizations o ON o.id = s.id
JOIN member_assignments a ON a.organization_id = s.id AND a.valid_from <= '2025-12-31' AND (a.valid_to IS NULL OR a.valid_to > '2025-12-31')
JOIN members m ON m.id = a.member_id
WHERE (m.admission_date IS NULL OR m.admission_date <= '2025-12-31')
  AND NOT (m.status IN ('deceased', 'expelled', 'transferredOut') AND (m.status_date IS NULL OR m.status_date <= '2025-12-31'))
  AND NOT EXISTS (SELECT 1 FROM quality_ratings r WHERE r.member_id = m.id AND r.year = 2025 AND r.subject = 'member')
LIMIT 101;

-- 3. One cell's sheet: its members on 31/12/2025 with their rating.
EXPLAIN (ANALYZE, BUFFERS)
SELECT m.id AS member_id, m.full_name, m.card_number, r.id AS rating_id
FROM member_assignments a JOIN members m ON m.id = a.member_id
LEFT JOIN quality_ratings r ON r.member_id = m.id AND r.year = 2025 AND r.subject = 'member'
WHERE a.organization_id = :'cell' AND a.valid_from <= '2025-12-31' AND (a.valid_to IS NULL OR a.valid_to > '2025-12-31')
  AND (m.admission_date IS NULL OR m.admission_date <= '2025-12-31')
  AND NOT (m.status IN ('deceased', 'expelled', 'transferredOut') AND (m.status_date IS NULL OR m.status_date <= '2025-12-31'))
ORDER BY m.full_name, m.id LIMIT 1000;
