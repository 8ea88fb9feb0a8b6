// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import Coroscope

// Export: the format, the file (typed, or picked with Browse…), and for figures their width,
// scale, theme and what they include. States the exact size it writes; Enter saves.
Dialog {
    id: root
    objectName: "exportDialog"
    property AppController controller
    readonly property Exporter exporter: controller.exporter
    property real viewWidth: 1200
    property bool comparison: false
    property bool sweep: false // the Sweep view is shown: its figure, table or runs
    title: sweep ? qsTr("Export the sweep") : comparison ? qsTr("Export the comparison") : qsTr("Export the chart or the run")
    modal: true
    // The window dims behind: the dialog is plainly above every panel.
    Overlay.modal: Rectangle { color: "#66000000" }
    anchors.centerIn: Overlay.overlay
    width: Math.min(560, parent ? parent.width - 40 : 560)
    padding: 16

    readonly property var formats: sweep
        ? [[qsTr("PNG image"), "png"], [qsTr("SVG image"), "svg"], [qsTr("PDF document"), "pdf"],
           [qsTr("CSV (one row per value)"), "csv"], [qsTr("JSON (the numbers and every value's run)"), "json"]]
        : comparison
        ? [[qsTr("PNG image"), "png"], [qsTr("SVG image"), "svg"], [qsTr("PDF document"), "pdf"]]
        : [[qsTr("PNG image"), "png"], [qsTr("SVG image"), "svg"], [qsTr("PDF document"), "pdf"],
           [qsTr("Run (JSON, reopens here)"), "json"], [qsTr("Chrome trace (Perfetto)"), "trace.json"],
           [qsTr("CSV (one row per span)"), "csv"]]
    readonly property string suffix: formats[Math.max(0, Math.min(formatBox.currentIndex, formats.length - 1))][1]
    // What the typed path will write (its suffix decides), else the chosen format.
    readonly property string writes: exporter.formatOf(pathField.text) || suffix
    readonly property bool figure: writes === "png" || writes === "svg" || writes === "pdf"
    property string error: ""
    property string saved: ""

    onAboutToShow: {
        error = ""
        saved = ""
        if (formatBox.currentIndex >= formats.length)
            formatBox.currentIndex = 0
        pathField.text = sweep ? exporter.suggestedSweepPath(suffix) : exporter.suggestedPath(suffix, comparison)
        widthField.text = exporter.width > 0 ? exporter.width : ""
        pathField.forceActiveFocus()
        pathField.select(pathField.text.lastIndexOf("/") + 1, pathField.text.lastIndexOf(".")) // the name, as file dialogs do
    }

    function save() {
        error = ""
        saved = ""
        if (exporter.formatOf(pathField.text) === "" && pathField.text.trim() !== "")
            pathField.text = exporter.withSuffix(pathField.text.trim(), suffix) // "chart" → "chart.png"
        const e = sweep ? exporter.exportSweepTo(pathField.text, viewWidth) : exporter.exportTo(pathField.text, viewWidth, comparison)
        if (e === "") {
            saved = exporter.lastSaved()
            closeTimer.restart()
        } else {
            error = e
        }
    }
    Timer { id: closeTimer; interval: 1400; onTriggered: root.close() }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        GridLayout {
            Layout.fillWidth: true
            columns: 2
            columnSpacing: 10
            rowSpacing: 8
            Label { text: qsTr("Format") }
            ComboBox {
                id: formatBox
                objectName: "exportFormat"
                Layout.fillWidth: true
                model: root.formats.map(f => f[0])
                onActivated: pathField.text = root.exporter.withSuffix(pathField.text, root.suffix)
            }
            Label { text: qsTr("File") }
            RowLayout {
                Layout.fillWidth: true
                TextField {
                    id: pathField
                    objectName: "exportPath"
                    Layout.fillWidth: true
                    selectByMouse: true
                    onAccepted: root.save()
                    onTextEdited: { root.error = ""; root.saved = "" }
                    ToolTip.visible: hovered && text.length > 40
                    ToolTip.text: root.exporter.resolve(text)
                    ToolTip.delay: 600
                }
                Button {
                    text: qsTr("Browse…")
                    onClicked: {
                        fileDialog.currentFolder = root.exporter.folderUrl(pathField.text)
                        fileDialog.selectedFile = root.exporter.fileUrl(pathField.text)
                        fileDialog.open()
                    }
                }
            }
            Label { text: qsTr("Width"); visible: root.figure }
            RowLayout {
                visible: root.figure
                TextField {
                    id: widthField
                    objectName: "exportWidth"
                    Layout.preferredWidth: 90
                    placeholderText: root.sweep ? Math.round(Math.max(root.viewWidth, 1200)) : Math.round(root.viewWidth)
                    validator: IntValidator { bottom: 0; top: 8000 }
                    inputMethodHints: Qt.ImhDigitsOnly
                    onTextEdited: root.exporter.width = text === "" ? 0 : Number(text)
                    onAccepted: root.save()
                }
                Label {
                    text: root.sweep ? qsTr("px (empty: as wide as the view, at least 1200)") : qsTr("px (empty: as wide as the view)")
                    color: palette.placeholderText
                }
            }
            Label { text: qsTr("Scale"); visible: root.writes === "png" }
            ComboBox {
                id: scaleBox
                visible: root.writes === "png"
                textRole: "text"
                valueRole: "value"
                model: [{ text: qsTr("1×"), value: 1 }, { text: qsTr("2× (HiDPI, slides)"), value: 2 }, { text: qsTr("3×"), value: 3 }]
                currentIndex: Math.max(0, [1, 2, 3].indexOf(root.exporter.scale))
                onActivated: root.exporter.scale = currentValue
            }
            Label { text: qsTr("Theme"); visible: root.figure }
            ComboBox {
                objectName: "exportTheme"
                visible: root.figure
                Layout.preferredWidth: 240
                textRole: "text"
                valueRole: "value"
                model: [{ text: qsTr("as the window (%1)").arg(root.controller.chartTheme === "dark" ? qsTr("dark") : qsTr("light")), value: "app" },
                        { text: qsTr("light"), value: "light" }, { text: qsTr("dark"), value: "dark" }]
                currentIndex: Math.max(0, ["app", "light", "dark"].indexOf(root.exporter.theme))
                onActivated: root.exporter.theme = currentValue
            }
            Label { text: qsTr("Include"); visible: root.figure }
            Flow {
                Layout.fillWidth: true
                visible: root.figure
                spacing: 4
                CheckBox { text: qsTr("Title and headline"); checked: root.exporter.title; onToggled: root.exporter.title = checked }
                CheckBox { text: qsTr("Legend"); checked: root.exporter.legend; onToggled: root.exporter.legend = checked }
                CheckBox { text: qsTr("Footer (parameters, versions)"); checked: root.exporter.footer; onToggled: root.exporter.footer = checked }
            }
        }
        Label {
            objectName: "exportSize"
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: palette.placeholderText
            // Re-read whenever an option changes while the dialog is open (not for each live
            // frame or replay tick behind a closed dialog): the size written, not the view's.
            text: {
                if (!root.opened)
                    return ""
                root.exporter.width; root.exporter.scale; root.exporter.title; root.exporter.legend
                root.exporter.footer; root.exporter.theme; root.controller.pins.count
                root.controller.current.spanCount; root.controller.current.wallSeconds; root.viewWidth
                root.controller.sweep.progress
                const t = root.sweep ? root.exporter.sweepSizeText(root.viewWidth, root.writes)
                                     : root.exporter.sizeText(root.viewWidth, root.comparison, root.writes)
                return t !== "" ? qsTr("Size written: %1.").arg(t)
                     : root.comparison ? ""
                     : root.sweep ? qsTr("Writes the sweep's numbers as data.") : qsTr("Writes the whole run as data.")
            }
        }
        Label {
            objectName: "exportResult"
            Layout.fillWidth: true
            visible: text !== ""
            wrapMode: Text.WrapAnywhere
            text: root.error !== "" ? root.error : root.saved
            color: root.error !== "" ? "#cf222e" : palette.windowText
        }
    }

    footer: DialogButtonBox {
        Button {
            objectName: "exportSave"
            text: qsTr("Export")
            highlighted: true
            enabled: pathField.text.trim() !== ""
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: root.save()
        }
        Button {
            text: qsTr("Close")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }

    FileDialog {
        id: fileDialog
        fileMode: FileDialog.SaveFile
        acceptLabel: qsTr("Choose")
        nameFilters: [root.formats[Math.max(0, Math.min(formatBox.currentIndex, root.formats.length - 1))][0] + " (*." + root.suffix + ")"]
        // The dialog picks the file; the export happens with the options above (Export / Enter).
        onAccepted: {
            pathField.text = root.exporter.withSuffix(root.exporter.resolve(selectedFile.toString()), root.suffix)
            pathField.forceActiveFocus()
        }
    }
}
