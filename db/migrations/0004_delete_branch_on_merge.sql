-- GitHub's "Automatically delete head branches" setting of the repository, as
-- the last webhook that carried it said (`delete_branch_on_merge`). When it is
-- on, GitHub deletes a merged work branch itself and the app spends no request
-- on it. NULL: not seen yet, so the app deletes the branch itself.
ALTER TABLE projects ADD COLUMN delete_branch_on_merge boolean;
