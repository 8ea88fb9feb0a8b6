// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import Coroscope

// "Trace a Python program…": the script, its arguments, the interpreter and the folder it runs
// in. The program runs under Coroscope's tracer; its chart grows live, its output goes to the Log.
Dialog {
    id: root
    objectName: "traceDialog"
    property AppController controller
    title: qsTr("Trace a Python program")
    modal: true
    Overlay.modal: Rectangle { color: "#66000000" }
    anchors.centerIn: Overlay.overlay
    width: Math.min(640, parent ? parent.width - 40 : 640)

    signal traced()

    onAboutToShow: {
        const last = controller.lastTrace
        scriptField.text = last.script
        argsField.text = last.arguments
        interpreterField.text = last.interpreter
        folderField.text = last.folder
        error.text = ""
        scriptField.forceActiveFocus()
    }

    function start() {
        if (controller.tracePython(scriptField.text, argsField.text, interpreterField.text, folderField.text)) {
            root.close()
            root.traced()
        } else {
            error.text = controller.message
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        GridLayout {
            Layout.fillWidth: true
            columns: 2
            columnSpacing: 10
            rowSpacing: 8
            Label { text: qsTr("Program") }
            RowLayout {
                Layout.fillWidth: true
                TextField {
                    id: scriptField
                    objectName: "traceScript"
                    Layout.fillWidth: true
                    selectByMouse: true
                    placeholderText: qsTr("app.py — an asyncio program")
                    onAccepted: root.start()
                    onTextEdited: error.text = ""
                }
                Button {
                    text: qsTr("Browse…")
                    onClicked: scriptDialog.open()
                }
            }
            Label { text: qsTr("Arguments") }
            TextField {
                id: argsField
                objectName: "traceArguments"
                Layout.fillWidth: true
                selectByMouse: true
                placeholderText: qsTr("as in a shell: --n 3 'two words'")
                onAccepted: root.start()
            }
            Label { text: qsTr("Interpreter") }
            TextField {
                id: interpreterField
                objectName: "traceInterpreter"
                Layout.fillWidth: true
                selectByMouse: true
                placeholderText: "python3"
                onAccepted: root.start()
            }
            Label { text: qsTr("Folder") }
            TextField {
                id: folderField
                Layout.fillWidth: true
                selectByMouse: true
                placeholderText: qsTr("empty: the program's folder")
                onAccepted: root.start()
            }
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            font.pixelSize: 11
            color: palette.placeholderText
            text: qsTr("The program gets COROSCOPE_HTTP_URL (the delay server) and, when it reads it, COROSCOPE_PG_DSN. "
                       + "Stop ends its whole process group; what it did until then stays on the chart.")
        }
        Label {
            id: error
            objectName: "traceError"
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: "#cf222e"
            visible: text !== ""
        }
    }

    // Trace beside Cancel (the dialog stays open when the program cannot start, to say why).
    footer: DialogButtonBox {
        standardButtons: DialogButtonBox.Cancel
        Button {
            objectName: "traceStart"
            text: qsTr("▶ Trace")
            highlighted: true
            enabled: scriptField.text.trim() !== "" && !root.controller.running
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: root.start()
        }
    }

    FileDialog {
        id: scriptDialog
        title: qsTr("A Python program to trace")
        fileMode: FileDialog.OpenFile
        nameFilters: [qsTr("Python programs (*.py)"), qsTr("All files (*)")]
        onAccepted: scriptField.text = decodeURIComponent(selectedFile.toString().replace(/^file:\/\//, ""))
    }
}
