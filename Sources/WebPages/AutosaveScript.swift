/// The one script the platform serves: it saves an application form while the firm types
/// (1.5 s after the last keystroke), posting the same fields as the save button with the
/// form's CSRF token. Without it the form still saves with its button.
public enum AutosaveScript {
    public static let js = """
    (function () {
      var form = document.querySelector("form[data-autosave]");
      if (!form) return;
      var status = form.querySelector("[data-autosave-status]");
      var timer = null;
      function save() {
        var body = new URLSearchParams(new FormData(form));
        fetch(form.getAttribute("data-autosave"), {
          method: "POST", credentials: "same-origin", body: body,
          headers: { "X-Autosave": "1", "Content-Type": "application/x-www-form-urlencoded" }
        }).then(function (r) {
          if (status) status.textContent = r.ok ? "已自动保存 / saved " + new Date().toLocaleTimeString() : "未保存：请检查填写 / not saved: check the fields";
        }).catch(function () { if (status) status.textContent = "未保存：网络中断 / not saved: offline"; });
      }
      form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(save, 1500); });
    })();
    """
}
