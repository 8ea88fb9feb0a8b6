// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Coroscope

// Controls generated from the experiment's typed parameters, each checked as it is typed.
ColumnLayout {
    id: root
    property AppController controller
    spacing: 10

    Repeater {
        model: root.controller.params
        delegate: ColumnLayout {
            id: field
            required property int index
            required property string key
            required property string label
            required property string type
            required property string value
            required property var choices
            required property string range
            required property string help
            required property string error
            Layout.fillWidth: true
            spacing: 3
            Label {
                text: field.label + "  ·  " + field.key
                font.bold: true
            }
            ComboBox {
                visible: field.type === "choice"
                Layout.fillWidth: true
                model: field.choices
                currentIndex: Math.max(0, field.choices.indexOf(field.value))
                onActivated: root.controller.params.setValue(field.index, currentText)
            }
            TextField {
                objectName: "param_" + field.key
                visible: field.type !== "choice"
                Layout.fillWidth: true
                text: field.value
                selectByMouse: true
                inputMethodHints: field.type === "number" || field.type === "integer" ? Qt.ImhFormattedNumbersOnly : Qt.ImhNone
                onTextEdited: root.controller.params.setValue(field.index, text)
                color: field.error !== "" ? "#cf222e" : palette.text
                Keys.onReturnPressed: window.runSelected()
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                font.pixelSize: 11
                text: field.error !== "" ? field.error : field.help + (field.type !== "text" && field.range !== "" ? "  (" + field.range + ")" : "")
                color: field.error !== "" ? "#cf222e" : palette.placeholderText
            }
        }
    }
    Button {
        text: qsTr("Reset to defaults")
        onClicked: root.controller.resetParams()
    }
}
