;;; emacs_client.el --- Emacs + eglot as dockwise's client, driven by tests/lsp/test_emacs.py  -*- lexical-binding: t -*-

;; Runs in `emacs --batch` after the init snippet of docs/editors.md (loaded verbatim by the
;; test) and `package-activate-all` (what a normal start-up does for ELPA packages such as
;; Debian's elpa-eglot and elpa-dockerfile-mode). Batch Emacs has no command loop, so while
;; waiting `post-command-hook` and the idle timers run as the loop would (see `dw-idle').
;;
;; Steps: open the Dockerfile (dockerfile-mode from auto-mode-alist, eglot via the snippet's
;; hook), wait for dockwise's diagnostics in flymake, take the default of `M-x
;; eglot-code-actions` (what RET picks) on the pinned-tag and merge-RUN findings, then
;; save-buffer (the snippet's fix-all on save). The result goes to DOCKWISE_EMACS_RESULT as
;; JSON; a failure is written there too.
;;
;; Environment: DOCKWISE_EMACS_FILE, DOCKWISE_EMACS_RESULT, DOCKWISE_EMACS_TIMEOUT (s per wait).

(require 'json)
(require 'seq)

(defvar dw-file (getenv "DOCKWISE_EMACS_FILE"))
(defvar dw-result (getenv "DOCKWISE_EMACS_RESULT"))
(defvar dw-timeout (string-to-number (or (getenv "DOCKWISE_EMACS_TIMEOUT") "60")))
(defvar dw-log nil)

(defun dw-note (fmt &rest args)
  (push (apply #'format fmt args) dw-log))

(defun dw-idle ()
  "What Emacs does between a user's commands: run `post-command-hook', then the idle timers
(eglot sends its didChange and flymake re-checks from them; batch Emacs never idles)."
  (run-hooks 'post-command-hook)
  (dolist (timer (copy-sequence timer-idle-list))
    (timer-event-handler timer)))

(defun dw-wait (what pred)
  "Idle and process output until PRED holds."
  (let ((deadline (+ (float-time) dw-timeout)))
    (while (progn (dw-idle)
                  (not (funcall pred)))
      (when (> (float-time) deadline)
        (error "Timed out after %s s waiting for %s" dw-timeout what))
      (accept-process-output nil 0.05))))

(defun dw-code (diag)
  (let ((text (flymake-diagnostic-text diag)))
    (and (string-match "\\[\\([A-Z]+[0-9]+\\)\\]" text) (match-string 1 text))))

(defun dw-codes ()
  (sort (delq nil (mapcar #'dw-code (flymake-diagnostics))) #'string<))

(defun dw-default-quick-fix (code)
  "Run `M-x eglot-code-actions' at CODE's finding and accept the default (RET).
Return the default title and every title offered."
  (let ((diag (seq-find (lambda (d) (equal (dw-code d) code)) (flymake-diagnostics)))
        offered)
    (unless diag (error "No %s diagnostic in flymake: %S" code (dw-codes)))
    (goto-char (flymake-diagnostic-beg diag))
    (let ((completing-read-function
           (lambda (_prompt collection &optional _pred _req _init _hist def &rest _)
             (setq offered (list def (all-completions "" collection)))
             def))
          (last-nonmenu-event ?\r))  ; invoked from the keyboard, not a mouse menu
      (call-interactively #'eglot-code-actions))
    (dw-note "%s: default %S of %S" code (car offered) (cadr offered))
    offered))

(defun dw-write (result)
  (with-temp-file dw-result
    (insert (json-encode (append result (list (cons 'log (vconcat (reverse dw-log)))))))))

(defun dw-main ()
  (find-file dw-file)
  (dw-note "major mode %s" major-mode)
  (dw-wait "eglot to manage the buffer" (lambda () (eglot-managed-p)))
  (dw-wait "dockwise's diagnostics" (lambda () (member "DL3007" (dw-codes))))
  (let ((opened (dw-codes)) pin merge)
    (setq pin (dw-default-quick-fix "DL3007"))
    (dw-wait "DL3007 to be fixed" (lambda () (not (member "DL3007" (dw-codes)))))
    (setq merge (dw-default-quick-fix "DL3059"))
    (dw-wait "DL3059 to be fixed" (lambda () (not (member "DL3059" (dw-codes)))))
    (let ((before-save (buffer-string)))
      (save-buffer)
      (dw-wait "the diagnostics of the saved text"
               (lambda () (not (member "DL3042" (dw-codes)))))
      (dw-write `((ok . t) (mode . ,(symbol-name major-mode)) (opened . ,(vconcat opened))
                  (pin_default . ,(car pin)) (pin_offered . ,(vconcat (cadr pin)))
                  (merge_default . ,(car merge)) (merge_offered . ,(vconcat (cadr merge)))
                  (before_save . ,before-save) (final_codes . ,(vconcat (dw-codes))))))))

(condition-case err
    (progn (dw-main) (kill-emacs 0))
  (error (dw-write `((ok . :json-false) (error . ,(error-message-string err))))
         (kill-emacs 1)))
