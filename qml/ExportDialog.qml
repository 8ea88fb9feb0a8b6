// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import Coroscope

// Export: pick a format (and the scale for PNG), then a file. Images are what the view shows.
Dialog {
    id: root
    property AppController controller
    property real chartWidth: 1200
    property real chartHeight: 600
    property bool comparison: false
    title: comparison ? "Export the comparison" : "Export the chart or the run"
    modal: true
    anchors.centerIn: Overlay.overlay
    standardButtons: Dialog.Cancel

    readonly property var formats: comparison
        ? [["PNG image", "png"], ["SVG image", "svg"], ["PDF document", "pdf"]]
        : [["PNG image", "png"], ["SVG image", "svg"], ["PDF document", "pdf"], ["Run (JSON, reopens here)", "json"],
           ["Chrome trace (Perfetto)", "trace.json"], ["CSV (one row per span)", "csv"]]

    function exportTo(file) {
        const suffix = formats[formatBox.currentIndex][1]
        const error = comparison
            ? controller.exportComparison(file, chartWidth, scaleBox.currentValue)
            : controller.exportCurrent(file, chartWidth, chartHeight, scaleBox.currentValue)
        resultLabel.text = error === "" ? "Saved " + file : error
    }

    ColumnLayout {
        spacing: 10
        Label { text: "Format" }
        ComboBox {
            id: formatBox
            Layout.preferredWidth: 300
            model: root.formats.map(f => f[0])
        }
        Label { text: "PNG scale (device pixel ratio)"; visible: formatBox.currentIndex === 0 }
        ComboBox {
            id: scaleBox
            Layout.preferredWidth: 300
            visible: formatBox.currentIndex === 0
            textRole: "text"
            valueRole: "value"
            model: [{ text: "1× (" + Math.round(root.chartWidth) + " px wide)", value: 1 },
                    { text: "2× (HiDPI)", value: 2 }, { text: "3×", value: 3 }]
        }
        Label {
            Layout.preferredWidth: 300
            wrapMode: Text.WordWrap
            font.pixelSize: 11
            color: palette.placeholderText
            text: "Images are " + Math.round(root.chartWidth) + " × " + Math.round(root.chartHeight)
                  + " logical pixels — exactly what the view shows."
        }
        Button {
            text: "Choose file and export…"
            highlighted: true
            onClicked: {
                const path = root.controller.suggestedFileName(root.formats[formatBox.currentIndex][1])
                fileDialog.currentFolder = "file://" + path.substring(0, path.lastIndexOf("/"))
                fileDialog.selectedFile = "file://" + path
                fileDialog.open()
            }
        }
        Label { id: resultLabel; Layout.preferredWidth: 300; wrapMode: Text.WordWrap }
    }

    FileDialog {
        id: fileDialog
        fileMode: FileDialog.SaveFile
        acceptLabel: "Export"
        nameFilters: [root.formats[formatBox.currentIndex][0] + " (*." + root.formats[formatBox.currentIndex][1] + ")"]
        onAccepted: root.exportTo(selectedFile)
    }
}
