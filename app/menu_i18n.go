package app

import "strings"

// The native menu's words in the ten languages the apps ship. The menu is
// built before any page loads, in the system's language (startMenuLanguage
// in menu_language.go); once the facilitator app is up it follows the
// app's language (SetMenuLanguage). The web UI has its own catalogue
// (frontend/src/lib/i18n). Each language uses its platform's usual menu words.

// menuText is every label and dialog text of the window's menu.
type menuText struct {
	About, Quit                                     string // "Open Codelabs" menu (and Help → About)
	Edit, Undo, Redo, Cut, Copy, Paste, SelectAll   string
	View, Reload, ZoomIn, ZoomOut, ActualSize, Full string
	Window, Minimise, Maximise                      string
	Help, Docs                                      string
	AboutTitle, AboutMessage, DocsTitle             string // the About and docs-error dialogs
}

var menuTexts = map[string]menuText{
	"en": {About: "About Open Codelabs", Quit: "Quit Open Codelabs",
		Edit: "Edit", Undo: "Undo", Redo: "Redo", Cut: "Cut", Copy: "Copy", Paste: "Paste", SelectAll: "Select All",
		View: "View", Reload: "Reload", ZoomIn: "Zoom In", ZoomOut: "Zoom Out", ActualSize: "Actual Size", Full: "Toggle Full Screen",
		Window: "Window", Minimise: "Minimise", Maximise: "Maximise or Restore",
		Help: "Help", Docs: "Open Codelabs Documentation",
		AboutTitle: "About Open Codelabs", AboutMessage: "Run hands-on codelab workshops from one laptop, offline.", DocsTitle: "Documentation"},
	"ko": {About: "Open Codelabs 정보", Quit: "Open Codelabs 종료",
		Edit: "편집", Undo: "실행 취소", Redo: "다시 실행", Cut: "잘라내기", Copy: "복사", Paste: "붙여넣기", SelectAll: "모두 선택",
		View: "보기", Reload: "새로고침", ZoomIn: "확대", ZoomOut: "축소", ActualSize: "실제 크기", Full: "전체 화면 전환",
		Window: "창", Minimise: "최소화", Maximise: "최대화 또는 복원",
		Help: "도움말", Docs: "Open Codelabs 문서",
		AboutTitle: "Open Codelabs 정보", AboutMessage: "노트북 한 대로, 인터넷 없이도 실습형 코드랩 워크숍을 진행하세요.", DocsTitle: "문서"},
	"ja": {About: "Open Codelabs について", Quit: "Open Codelabs を終了",
		Edit: "編集", Undo: "取り消す", Redo: "やり直す", Cut: "切り取り", Copy: "コピー", Paste: "貼り付け", SelectAll: "すべてを選択",
		View: "表示", Reload: "再読み込み", ZoomIn: "拡大", ZoomOut: "縮小", ActualSize: "実際のサイズ", Full: "フルスクリーン表示の切り替え",
		Window: "ウインドウ", Minimise: "最小化", Maximise: "最大化/元のサイズに戻す",
		Help: "ヘルプ", Docs: "Open Codelabs のドキュメント",
		AboutTitle: "Open Codelabs について", AboutMessage: "ノートパソコン 1 台で、オフラインでもハンズオンのコードラボワークショップを開催できます。", DocsTitle: "ドキュメント"},
	"zh-CN": {About: "关于 Open Codelabs", Quit: "退出 Open Codelabs",
		Edit: "编辑", Undo: "撤销", Redo: "重做", Cut: "剪切", Copy: "复制", Paste: "粘贴", SelectAll: "全选",
		View: "视图", Reload: "重新加载", ZoomIn: "放大", ZoomOut: "缩小", ActualSize: "实际大小", Full: "切换全屏",
		Window: "窗口", Minimise: "最小化", Maximise: "最大化或还原",
		Help: "帮助", Docs: "Open Codelabs 文档",
		AboutTitle: "关于 Open Codelabs", AboutMessage: "一台笔记本，无需联网，即可举办动手实践的 Codelab 工作坊。", DocsTitle: "文档"},
	"zh-TW": {About: "關於 Open Codelabs", Quit: "結束 Open Codelabs",
		Edit: "編輯", Undo: "復原", Redo: "重做", Cut: "剪下", Copy: "複製", Paste: "貼上", SelectAll: "全選",
		View: "檢視", Reload: "重新載入", ZoomIn: "放大", ZoomOut: "縮小", ActualSize: "實際大小", Full: "切換全螢幕",
		Window: "視窗", Minimise: "最小化", Maximise: "最大化或還原",
		Help: "說明", Docs: "Open Codelabs 說明文件",
		AboutTitle: "關於 Open Codelabs", AboutMessage: "只要一台筆電，不必連網，就能舉辦動手實作的 Codelab 工作坊。", DocsTitle: "說明文件"},
	"es": {About: "Acerca de Open Codelabs", Quit: "Salir de Open Codelabs",
		Edit: "Edición", Undo: "Deshacer", Redo: "Rehacer", Cut: "Cortar", Copy: "Copiar", Paste: "Pegar", SelectAll: "Seleccionar todo",
		View: "Ver", Reload: "Recargar", ZoomIn: "Acercar", ZoomOut: "Alejar", ActualSize: "Tamaño real", Full: "Activar o desactivar pantalla completa",
		Window: "Ventana", Minimise: "Minimizar", Maximise: "Maximizar o restaurar",
		Help: "Ayuda", Docs: "Documentación de Open Codelabs",
		AboutTitle: "Acerca de Open Codelabs", AboutMessage: "Organiza talleres prácticos de codelabs desde un solo portátil, sin conexión.", DocsTitle: "Documentación"},
	"fr": {About: "À propos d’Open Codelabs", Quit: "Quitter Open Codelabs",
		Edit: "Édition", Undo: "Annuler", Redo: "Rétablir", Cut: "Couper", Copy: "Copier", Paste: "Coller", SelectAll: "Tout sélectionner",
		View: "Affichage", Reload: "Actualiser", ZoomIn: "Zoom avant", ZoomOut: "Zoom arrière", ActualSize: "Taille réelle", Full: "Activer/désactiver le plein écran",
		Window: "Fenêtre", Minimise: "Réduire", Maximise: "Agrandir ou restaurer",
		Help: "Aide", Docs: "Documentation d’Open Codelabs",
		AboutTitle: "À propos d’Open Codelabs", AboutMessage: "Animez des ateliers codelab pratiques depuis un seul ordinateur portable, hors ligne.", DocsTitle: "Documentation"},
	"de": {About: "Über Open Codelabs", Quit: "Open Codelabs beenden",
		Edit: "Bearbeiten", Undo: "Rückgängig", Redo: "Wiederholen", Cut: "Ausschneiden", Copy: "Kopieren", Paste: "Einfügen", SelectAll: "Alles auswählen",
		View: "Ansicht", Reload: "Neu laden", ZoomIn: "Vergrößern", ZoomOut: "Verkleinern", ActualSize: "Originalgröße", Full: "Vollbild ein/aus",
		Window: "Fenster", Minimise: "Minimieren", Maximise: "Maximieren oder wiederherstellen",
		Help: "Hilfe", Docs: "Open-Codelabs-Dokumentation",
		AboutTitle: "Über Open Codelabs", AboutMessage: "Praxis-Workshops mit Codelabs von einem einzigen Laptop aus leiten, ganz ohne Internet.", DocsTitle: "Dokumentation"},
	"pt-BR": {About: "Sobre o Open Codelabs", Quit: "Sair do Open Codelabs",
		Edit: "Editar", Undo: "Desfazer", Redo: "Refazer", Cut: "Recortar", Copy: "Copiar", Paste: "Colar", SelectAll: "Selecionar tudo",
		View: "Exibir", Reload: "Recarregar", ZoomIn: "Ampliar", ZoomOut: "Reduzir", ActualSize: "Tamanho real", Full: "Alternar tela cheia",
		Window: "Janela", Minimise: "Minimizar", Maximise: "Maximizar ou restaurar",
		Help: "Ajuda", Docs: "Documentação do Open Codelabs",
		AboutTitle: "Sobre o Open Codelabs", AboutMessage: "Conduza workshops práticos de codelabs a partir de um único notebook, sem internet.", DocsTitle: "Documentação"},
	"ar": {About: "حول Open Codelabs", Quit: "إنهاء Open Codelabs",
		Edit: "تحرير", Undo: "تراجع", Redo: "إعادة", Cut: "قص", Copy: "نسخ", Paste: "لصق", SelectAll: "تحديد الكل",
		View: "عرض", Reload: "إعادة التحميل", ZoomIn: "تكبير العرض", ZoomOut: "تصغير العرض", ActualSize: "الحجم الفعلي", Full: "تبديل ملء الشاشة",
		Window: "نافذة", Minimise: "تصغير", Maximise: "تكبير أو استعادة",
		Help: "تعليمات", Docs: "وثائق Open Codelabs",
		AboutTitle: "حول Open Codelabs", AboutMessage: "أدِر ورش عمل تطبيقية من حاسوب محمول واحد، دون اتصال بالإنترنت.", DocsTitle: "الوثائق"},
}

// menuLanguage picks the menu's language from the POSIX locale variables in
// their order of precedence (LC_ALL, LC_MESSAGES, LANG), e.g. "ko_KR.UTF-8"
// → "ko", "zh_HK" → "zh-TW", "pt_PT" → "pt-BR"; "C", "POSIX", unset or a
// language we do not ship → "en". getenv is os.Getenv in the app.
func menuLanguage(getenv func(string) string) string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			return matchMenuLanguage(v)
		}
	}
	return "en"
}

// matchMenuLanguage maps one locale value ("de_DE.UTF-8@euro", "zh-Hant") to a shipped tag.
func matchMenuLanguage(v string) string {
	if i := strings.IndexAny(v, ".@"); i >= 0 {
		v = v[:i]
	}
	parts := strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return r == '_' || r == '-' })
	if len(parts) == 0 {
		return "en"
	}
	switch parts[0] {
	case "zh":
		for _, p := range parts[1:] {
			if p == "tw" || p == "hk" || p == "mo" || p == "hant" {
				return "zh-TW"
			}
		}
		return "zh-CN"
	case "pt":
		return "pt-BR"
	}
	if _, ok := menuTexts[parts[0]]; ok {
		return parts[0]
	}
	return "en"
}

// menuWords returns the labels for lang, English for an unknown one.
func menuWords(lang string) menuText {
	if w, ok := menuTexts[lang]; ok {
		return w
	}
	return menuTexts["en"]
}
